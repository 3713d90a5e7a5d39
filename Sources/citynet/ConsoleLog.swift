import ArgumentParser
import CityNetModel
import CityNetPipeline
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// How the log on stderr is written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// `file:line:column: warning: message`, as compilers print, with colours on a terminal.
    case human
    /// One JSON object a line: `time`, `level`, `stage`, `message`, `metadata`.
    case json
}

/// The command line's log handler: writes each event as one line on stderr.
struct ConsoleLogHandler: LogHandler {
    let format: LogFormat
    let colors: Bool
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// A handler for a format and level; colours only on a terminal and when `NO_COLOR` is unset.
    init(format: LogFormat, level: Logger.Level) {
        self.format = format
        logLevel = level
        colors =
            format == .human && isatty(STDERR_FILENO) == 1
            && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let line = format == .json ? json(event, fields) : human(event, fields)
        Console.error(line)
    }

    private func human(_ event: LogEvent, _ fields: Logger.Metadata) -> String {
        let location = fields["location"].map { "\($0): " } ?? ""
        let stage = fields["stage"].map { "\($0): " } ?? ""
        switch event.level {
        case .critical, .error: return location + paint("error:", code: "1;31") + " \(event.message)"
        case .warning: return location + paint("warning:", code: "1;33") + " \(event.message)"
        case .notice: return location + "\(event.message)"
        case .info: return location.isEmpty ? stage + "\(event.message)" : location + "\(event.message)"
        case .debug, .trace: return paint(stage + "\(event.message)", code: "2")
        }
    }

    private func paint(_ text: String, code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func json(_ event: LogEvent, _ fields: Logger.Metadata) -> String {
        var object: [String: Any] = [
            "time": Self.timestamp(), "level": event.level.rawValue, "message": "\(event.message)",
        ]
        var rest = fields
        if let stage = rest.removeValue(forKey: "stage") { object["stage"] = "\(stage)" }
        object["metadata"] = rest.mapValues { Self.plain($0) }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{\"level\":\"error\",\"message\":\"unloggable event\"}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    private static func timestamp() -> String {
        Timestamp.iso8601(secondsSince1970: Date().timeIntervalSince1970)
    }
}

/// The options of every command that logs.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-format"), help: "How stderr is written: human or json (one object a line).")
    var format: LogFormat = .human

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print what each stage does and why.")
    var verbose = false

    /// The logger the command passes to the runner.
    var logger: Logger {
        let level: Logger.Level = quiet ? .error : verbose ? .debug : .notice
        let handler = ConsoleLogHandler(format: format, level: level)
        return Logger(label: "citynet", factory: { _ in handler })
    }
}

/// The progress line of a large source on a terminal: rewritten in place, cleared when the source is read.
enum ProgressLine {
    /// A receiver for the runner when stderr is a terminal and the log is for people; `nil` otherwise.
    static func receiver(_ logging: LoggingOptions) -> (@Sendable (SourceProgress) -> Void)? {
        guard logging.format == .human, !logging.quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        return { progress in
            guard !progress.finished else {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                return
            }
            let megabytes = { (bytes: Int) in String(format: "%.1f", Double(bytes) / 1_000_000) }
            let rate = progress.seconds > 0 ? Double(progress.bytes) / 1_000_000 / progress.seconds : 0
            let percent = progress.totalBytes > 0 ? 100 * progress.bytes / progress.totalBytes : 0
            let line =
                "  source \(progress.source): \(megabytes(progress.bytes)) of \(megabytes(progress.totalBytes)) MB "
                + "(\(percent)%), \(progress.records) records, \(String(format: "%.0f", rate)) MB/s"
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        }
    }
}
