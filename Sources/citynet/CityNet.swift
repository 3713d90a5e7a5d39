import ArgumentParser
import CityNetIngest
import CityNetModel
import CityNetPipeline
import Foundation
import Logging

@main
struct CityNet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citynet",
        abstract: "Turn the feeds of a city network into its statistics: tables, JSON, SVG charts.",
        version: PipelineRunner.version,
        subcommands: [Run.self, Validate.self, Plan.self, Inspect.self]
    )
}

/// Options every command that reads a pipeline file shares.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline file (YAML), e.g. Pipelines/gnlc-annual.yml.")
    var pipeline: String

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a pipeline param.", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The folder relative input paths resolve against.", valueName: "dir"))
    var root: String?

    @Option(
        name: .customLong("output-dir"),
        help: ArgumentHelp("Write under this folder instead of <root>/Outputs.", valueName: "dir"))
    var outputDirectory: String?

    @Option(help: ArgumentHelp("Where aggregates are computed: memory or sql (needs a database).", valueName: "engine"))
    var engine: String?

    @Option(
        help: ArgumentHelp(
            "Also load a database: an SQLite file path (relative to the output folder) or a postgres:// URL.",
            valueName: "database"))
    var database: String?

    var rootURL: URL {
        URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    var runOptions: RunOptions {
        get throws {
            var engineKind: AggregateEngineKind?
            if let engine {
                guard let kind = AggregateEngineKind(rawValue: engine) else {
                    throw PipelineError.invalidParameter("--engine must be memory or sql, not '\(engine)'")
                }
                engineKind = kind
            }
            let sink = database.map { value -> DatabaseSpec.Sink in
                value.hasPrefix("postgres://") || value.hasPrefix("postgresql://")
                    ? .postgres(url: value) : .sqlite(path: value)
            }
            return RunOptions(
                root: rootURL, outputRoot: outputDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
                engine: engineKind,
                database: sink)
        }
    }

    func load() throws -> PipelineSpec {
        var overrides: [(name: String, value: String)] = []
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                throw PipelineError.invalidParameter("--param expects name=value, not '\(parameter)'")
            }
            overrides.append((String(parameter[..<equals]), String(parameter[parameter.index(after: equals)...])))
        }
        let path = pipeline.hasPrefix("/") ? pipeline : rootURL.appendingPathComponent(pipeline).path
        return try PipelineLoader().load(path: path, displayPath: pipeline, overrides: overrides)
    }

    func outputFolderDescription(_ spec: PipelineSpec) -> String {
        let folder = RunOptions(
            root: rootURL, outputRoot: outputDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        )
        .outputFolder(for: spec).standardizedFileURL.path
        let prefix = rootURL.standardizedFileURL.path + "/"
        return folder.hasPrefix(prefix) ? String(folder.dropFirst(prefix.count)) : folder
    }
}

/// Runs a command body, logging any error as a diagnostic and exiting with its sysexits status.
func reportingErrors(_ logger: Logger? = nil, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as any DiagnosticError {
        if let logger {
            logger.log(error.diagnostic)
        } else {
            Console.error(error.diagnostic.description)
        }
        throw ExitCode(error.exitStatus.rawValue)
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: read the sources, compute the aggregates, write every output.",
        discussion: """
            Only stages whose inputs, definition or outputs changed since the last successful run are run. \
            Outputs are built in a staging folder and swapped in whole when the run succeeds; a failed or killed \
            run leaves earlier outputs untouched. One run per output folder at a time: a second one exits 75.
            """
    )

    @OptionGroup var options: PipelineOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(name: .customLong("dry-run"), help: "Print what would run and why, and write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Run only this stage and what it needs (repeatable).", valueName: "name"))
    var only: [String] = []

    @Flag(help: "Run every stage, whatever the last run's manifest says.")
    var force = false

    @Option(help: ArgumentHelp("How many stages run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(
        help: ArgumentHelp("Wait up to this long for another run of the same output to finish.", valueName: "seconds"))
    var wait: Double?

    func run() async throws {
        MemoryPolicy.apply()
        let logger = logging.logger
        try await reportingErrors(logger) {
            let spec = try options.load()
            var runOptions = try options.runOptions
            runOptions.force = force
            runOptions.only = only
            runOptions.progress = ProgressLine.receiver(logging)
            if let jobs {
                guard jobs >= 1 else { throw PipelineError.invalidParameter("--jobs must be at least 1, not \(jobs)") }
                runOptions.jobs = jobs
            }
            if let wait {
                guard wait >= 0 else { throw PipelineError.invalidParameter("--wait must be 0 or more seconds") }
                runOptions.wait = wait
            }
            if dryRun {
                let plan = try RunPlanner(spec: spec, options: runOptions).plan()
                print(
                    PipelinePlan(spec: spec, plan: plan, outputFolder: options.outputFolderDescription(spec)).text,
                    terminator: "")
                return
            }
            let started = Date()
            let report = try await PipelineRunner(spec: spec, options: runOptions, logger: logger).run()
            logger.notice(
                "\(RunSummary(spec: spec, report: report, folder: options.outputFolderDescription(spec), seconds: Date().timeIntervalSince(started)))"
            )
        }
    }
}

/// The line a run ends with.
struct RunSummary: CustomStringConvertible {
    let spec: PipelineSpec
    let report: RunReport
    let folder: String
    let seconds: Double

    var description: String {
        let time = String(format: "%.2f s", seconds)
        guard !report.upToDate else {
            return "citynet: \(spec.name): up to date, nothing to do (\(folder), \(time))"
        }
        let read = report.sources.map(\.statistics.read).reduce(0, +)
        let accepted = report.sources.map(\.statistics.accepted).reduce(0, +)
        let rejected = report.sources.map(\.statistics.rejected).reduce(0, +)
        let sources = report.sources.count
        return
            "citynet: \(spec.name): \(sources) source\(sources == 1 ? "" : "s") read, \(read) records: \(accepted) accepted, "
            + "\(rejected) rejected; \(report.files.count) files written, \(report.keptFiles.count) unchanged, to \(folder) in \(time)"
    }
}

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline file and read its sources without writing anything."
    )

    @OptionGroup var options: PipelineOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.logger
        try await reportingErrors(logger) {
            let spec = try options.load()
            let result = try await PipelineRunner(spec: spec, options: try options.runOptions, logger: logger)
                .validate()
            for source in result.sources {
                print(
                    "\(source.name): \(source.statistics.read) read, \(source.statistics.accepted) accepted, \(source.statistics.rejected) rejected"
                )
            }
            for reject in result.rejects.prefix(20) {
                print("\(reject.location): rejected \(reject.field.isEmpty ? "row" : reject.field): \(reject.reason)")
            }
            if result.rejects.count > 20 { print("… and \(result.rejects.count - 20) more rejects") }
            print("\(spec.file): valid")
        }
    }
}

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the stages of a pipeline, what each needs and writes, and whether a run would run it, and why."
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: ArgumentHelp("Plan only this stage and what it needs (repeatable).", valueName: "name"))
    var only: [String] = []

    @Flag(help: "Plan as if every stage were out of date.")
    var force = false

    func run() async throws {
        try await reportingErrors {
            let spec = try options.load()
            var runOptions = try options.runOptions
            runOptions.only = only
            runOptions.force = force
            let plan = try RunPlanner(spec: spec, options: runOptions).plan()
            print(
                PipelinePlan(spec: spec, plan: plan, outputFolder: options.outputFolderDescription(spec)).text,
                terminator: "")
        }
    }
}

struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a CSV or XML file reads, to help write a mapping.",
        discussion: """
            CSV: the detected encoding, delimiter, quote and header, the row count, bad rows, and per column the \
            values, distinct values, samples and the type the values look like. XML: every element and attribute \
            path with its count and sample values (the first 16 MB unless --all).
            """
    )

    @Argument(help: "The file (.csv, .tsv, .txt or .xml).")
    var file: String

    @Flag(help: "Print JSON for tools instead of a table.")
    var json = false

    @Flag(
        help:
            "CSV: print every parsed row as a JSON line ({\"line\": N, \"fields\": {...}}, or an error); warnings go to standard error."
    )
    var rows = false

    @Flag(help: "XML: read the whole file, not only its first 16 MB.")
    var all = false

    @Option(help: ArgumentHelp("CSV: the delimiter instead of detecting it (, ; | tab).", valueName: "char"))
    var delimiter: String?

    @Option(name: .customLong("header-line"), help: ArgumentHelp("CSV: the line of the header.", valueName: "n"))
    var headerLine: Int?

    @Option(help: ArgumentHelp("CSV: the encoding instead of detecting it.", valueName: "name"))
    var encoding: String?

    func run() async throws {
        try await reportingErrors {
            // XML is recognised by its extension, by an XML declaration, or (without the extension of delimited
            // text) by its first byte; a web page saved as `.csv` is read as CSV, which names it for what it is.
            let name = file.lowercased()
            let isDelimited = [".csv", ".tsv", ".txt"].contains { name.hasSuffix($0) }
            let isXML = name.hasSuffix(".xml") || Self.startsAsXML(file, declarationOnly: isDelimited)
            if isXML {
                let survey = try XMLSurvey.survey(path: file, displayPath: file, byteLimit: all ? nil : 16 << 20)
                print(json ? InspectionReport.json(survey) : InspectionReport.text(survey), terminator: "")
                return
            }
            var options = CSVOptions(headerLine: headerLine)
            if let delimiter {
                switch delimiter {
                case "tab", "\\t", "\t": options.delimiter = 0x09
                case ",", ";", "|": options.delimiter = delimiter.utf8.first
                default:
                    throw PipelineError.invalidParameter("--delimiter must be one of , ; | tab, not '\(delimiter)'")
                }
            }
            if let encoding {
                guard let known = TextEncoding(named: encoding) else {
                    throw PipelineError.invalidParameter("unknown --encoding '\(encoding)'")
                }
                options.encoding = known
            }
            if rows {
                // The rows go to standard output for tools; what the reading reported goes to standard error.
                let warnings = try CSVInspector.rows(path: file, displayPath: file, options: options) { print($0) }
                for warning in warnings { Console.error(warning.description) }
                return
            }
            let inspection = try CSVInspector.inspect(path: file, displayPath: file, options: options)
            print(json ? InspectionReport.json(inspection) : InspectionReport.text(inspection), terminator: "")
        }
    }

    /// Whether a file starts, after blanks and a byte order mark, with `<?xml` or (unless `declarationOnly`) `<`.
    private static func startsAsXML(_ path: String, declarationOnly: Bool) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        // `readData(ofLength:)` traps on a read error (a directory named `x.csv`); this form throws instead.
        guard let start = try? handle.read(upToCount: 512) else { return false }
        let bytes = [UInt8](start).drop {
            $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
        }
        return declarationOnly ? bytes.starts(with: Array("<?xml".utf8)) : bytes.first == UInt8(ascii: "<")
    }
}
