import CityNetModel
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test func knownTimesAreWrittenInUTCWithMilliseconds() {
        #expect(Timestamp.iso8601(secondsSince1970: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso8601(secondsSince1970: 951_782_400.5) == "2000-02-29T00:00:00.500Z")
        #expect(Timestamp.iso8601(secondsSince1970: 1_795_930_031.306) == "2026-11-29T05:27:11.306Z")
        #expect(Timestamp.iso8601(secondsSince1970: -1) == "1969-12-31T23:59:59.000Z")
    }

    @Test func agreesWithFoundationsFormatterOverFourCenturies() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let milliseconds = Int64.random(in: -5_000_000_000_000...12_000_000_000_000, using: &generator)
            let seconds = Double(milliseconds) / 1000
            #expect(
                Timestamp.iso8601(secondsSince1970: seconds)
                    == formatter.string(from: Date(timeIntervalSince1970: seconds)))
        }
    }
}
