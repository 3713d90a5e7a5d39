import CityNetModel
import Testing

struct CellTests {
    @Test(arguments: [
        (12.5, "12.5"), (1.0 / 3.0, "0.3333"), (7.0, "7"), (-0.5, "-0.5"), (1234.56789, "1234.5679"),
        (-12.25, "-12.25"),
    ])
    func decimalsPrintWithAtMostFourPlaces(value: Double, text: String) {
        #expect(Cell.format(value) == text)
    }

    @Test func nullsSortLastAndNumbersBeforeText() {
        let cells: [Cell] = [.null, .text("b"), .integer(3), .decimal(1.5), .text("a")]
        #expect(cells.sorted() == [.decimal(1.5), .integer(3), .text("a"), .text("b"), .null])
    }
}
