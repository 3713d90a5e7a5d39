import CityNetModel
import CityNetTestSupport
import Testing

/// Ids get numbers in the order first seen, and a repeated id is found whether ids come sorted or not.
struct IdentifierTableTests {
    private func insert(_ ids: [String], reserving: Int = 0) -> [(number: UInt32, inserted: Bool)] {
        var table = IdentifierTable()
        table.reserveCapacity(reserving)
        return ids.map { id in
            var id = id
            return id.withUTF8 { table.insert($0) }
        }
    }

    @Test func sortedIdsAreEachNewAndNumberedInOrder() {
        let results = insert(["INI-0001", "INI-0002", "INI-0010"])
        #expect(results.map(\.number) == [0, 1, 2])
        #expect(results.map(\.inserted) == [true, true, true])
    }

    @Test func numbersWithoutLeadingZerosCountAsSorted() {
        let results = insert(["9", "10", "11", "100", "10"])
        #expect(results.map(\.inserted) == [true, true, true, true, false])
        #expect(results[4].number == 1)
    }

    @Test(arguments: [0, 2, 100])
    func aRepeatedIdIsFoundAmongSortedAndUnsortedOnes(reserving: Int) {
        let results = insert(["B", "D", "A", "C", "D", "A", "B", "E", "C", "", ""], reserving: reserving)
        #expect(results.map(\.inserted) == [true, true, true, true, false, false, false, true, false, true, false])
        #expect(results[4].number == 1)
        #expect(results[5].number == 2)
        #expect(results[6].number == 0)
        #expect(results[8].number == 3)
        #expect(results[10].number == results[9].number)
    }

    /// Ids of 2 to 14 bytes: shorter than a word, one word, and two overlapping words.
    @Test func manyShuffledIdsMatchASet() {
        var generator = SplitMix(state: 7)
        var table = IdentifierTable()
        var seen: [String: UInt32] = [:]
        for _ in 0..<20_000 {
            let prefix = ["ID-", "INITIATIVE-", "A", "GNLC-2019-"].randomElement(using: &generator) ?? ""
            var id = prefix + "\(Int.random(in: 0..<8_000, using: &generator))"
            let (number, inserted) = id.withUTF8 { table.insert($0) }
            #expect(inserted == (seen[id] == nil))
            if let known = seen[id] { #expect(number == known) } else { seen[id] = number }
        }
        #expect(table.count == seen.count)
    }
}
