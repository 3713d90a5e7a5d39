import CityNetEmit
import CityNetModel
import Crypto
import Foundation

/// Writes `manifest.json`: what a run read, produced and rejected, so any figure can be traced to its inputs.
///
/// Keys are in a fixed order; only `started_at`, `finished_at` and the `duration_ms` values change between
/// two runs on the same inputs.
struct ManifestWriter {
    let spec: PipelineSpec
    let sources: [SourceReport]
    let tables: [Table]
    let aggregateTimes: [String: Double]
    let files: [Artifact]
    let rejectCount: Int
    let started: Date
    let finished: Date

    func write() -> [UInt8] {
        var json = JSONBuilder()
        json.beginObject()
        json.field("citynet_version", PipelineRunner.version)
        json.field("pipeline", spec.name)
        json.field("pipeline_file", spec.file)
        json.field("outcome", "success")
        json.field("started_at", Self.timestamp(started))
        json.field("finished_at", Self.timestamp(finished))
        json.field("duration_ms", milliseconds(finished.timeIntervalSince(started)))
        json.key("params")
        json.beginObject()
        for parameter in spec.parameters { json.field(parameter.name, parameter.value) }
        json.endObject()
        json.key("sources")
        json.beginArray()
        for source in sources {
            json.beginObject()
            json.field("name", source.name)
            json.field("path", source.path)
            json.field("format", source.format)
            json.field("bytes", source.bytes)
            json.field("sha256", source.sha256)
            if let dialect = source.dialect {
                json.key("dialect")
                json.beginObject()
                json.field("encoding", dialect.encoding.name)
                json.field("delimiter", dialect.delimiterName)
                json.field("quote", dialect.quoteName)
                json.field("header", dialect.hasHeader)
                json.field("header_line", dialect.headerLine)
                json.field("detected", dialect.detected)
                json.endObject()
            }
            json.field("read", source.statistics.read)
            json.field("accepted", source.statistics.accepted)
            json.field("rejected", source.statistics.rejected)
            json.field("warnings", source.statistics.warnings)
            json.key("warning_messages")
            json.beginArray()
            for warning in source.warnings { json.string(warning.description) }
            json.endArray()
            json.key("unmapped_themes")
            json.beginObject()
            for (theme, count) in source.statistics.unmappedThemes.sorted(by: { $0.key < $1.key }) {
                json.field(theme, count)
            }
            json.endObject()
            json.field("duration_ms", milliseconds(source.duration))
            json.endObject()
        }
        json.endArray()
        json.key("aggregates")
        json.beginArray()
        for table in tables {
            json.beginObject()
            json.field("name", table.name)
            json.field("rows", table.rows.count)
            json.field("duration_ms", milliseconds(aggregateTimes[table.name] ?? 0))
            json.endObject()
        }
        json.endArray()
        json.key("outputs")
        json.beginArray()
        for file in files {
            json.beginObject()
            json.field("path", file.path)
            json.field("bytes", file.bytes.count)
            json.field("sha256", SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined())
            json.endObject()
        }
        json.endArray()
        json.field("rejects", rejectCount)
        json.endObject()
        return Array((json.text + "\n").utf8)
    }

    private func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// Builds indented JSON in a fixed key order.
struct JSONBuilder {
    private(set) var text = ""
    private var depth = 0
    private var needsComma = false
    private var afterKey = false

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        newline()
        text += JSONTableWriter.quoted(name) + ": "
        afterKey = true
    }

    mutating func field(_ name: String, _ value: String) {
        key(name)
        literal(JSONTableWriter.quoted(value))
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        literal(String(value))
    }

    mutating func string(_ value: String) {
        newline()
        literal(JSONTableWriter.quoted(value))
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        literal(value ? "true" : "false")
    }

    private mutating func literal(_ value: String) {
        text += value
        afterKey = false
        needsComma = true
    }

    private mutating func open(_ bracket: String) {
        if !afterKey, depth > 0 { newline() }
        text += bracket
        afterKey = false
        depth += 1
        needsComma = false
    }

    private mutating func close(_ bracket: String) {
        depth -= 1
        if needsComma {
            text += "\n" + String(repeating: "  ", count: depth)
        }
        text += bracket
        needsComma = true
    }

    private mutating func newline() {
        if needsComma { text += "," }
        text += "\n" + String(repeating: "  ", count: depth)
        needsComma = false
    }
}
