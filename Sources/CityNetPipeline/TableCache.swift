import CityNetModel
import Foundation

/// Every aggregate's table as the last run computed it, in `.citynet/tables/<aggregate>.json` of the output
/// folder: what a report shows for an aggregate that is up to date and so not computed again.
enum TableCache {
    /// The cache file of an aggregate, relative to the output folder.
    static func path(of aggregate: String) -> String { ".citynet/tables/\(aggregate).json" }

    static func encode(_ table: Table) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(table)) ?? Data()) + [0x0A]
    }

    /// The cached table of an aggregate.
    ///
    /// - Throws: ``PipelineError/cannotWrite(path:reason:)`` when the cache is missing or unreadable (the planner
    ///   reruns an aggregate whose cache is not as the last run left it, so this means the folder changed during
    ///   the run).
    static func load(_ aggregate: String, from folder: URL) throws(PipelineError) -> Table {
        let url = folder.appendingPathComponent(path(of: aggregate))
        guard let data = FileManager.default.contents(atPath: url.path),
            let table = try? JSONDecoder().decode(Table.self, from: data)
        else {
            throw .cannotWrite(
                path: url.path, reason: "the table of aggregate '\(aggregate)' is missing; run with --force")
        }
        return table
    }
}
