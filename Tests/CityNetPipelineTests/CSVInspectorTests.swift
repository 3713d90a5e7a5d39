import CityNetPipeline
import CityNetTestSupport
import Foundation
import Testing

/// The type `inspect` gives a column is the one a mapping could read its values as.
struct CSVInspectorTests {
    @Test func numbersCodesAndDecimalCommasAreTypedByTheirShape() throws {
        let folder = TestPaths.temporaryFolder("inspect-types")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("types.csv")
        let text = """
            zip;count;share;amount;version;time;people
            02134;1,234;2,5;1.234,5;1.2.3;10:30;1.234.567
            10001;12;3,25;-4.5;2.0.1;11:45;12
            00501;7;0,5;4.3e12;1.10.0;09:05;2.000.000

            """
        try Data(text.utf8).write(to: file)
        let inspection = try CSVInspector.inspect(path: file.path, displayPath: "types.csv")
        #expect(inspection.columns.map(\.type) == ["text", "integer", "decimal", "decimal", "text", "text", "integer"])
    }
}
