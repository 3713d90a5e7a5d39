import ArgumentParser
import CityNetModel
import CityNetPipeline
import Foundation

@main
struct CityNet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citynet",
        abstract: "Turn the feeds of a city network into its statistics: tables, JSON, SVG charts.",
        version: PipelineRunner.version,
        subcommands: [Run.self, Validate.self, Plan.self]
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

    var rootURL: URL {
        URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    var runOptions: RunOptions {
        RunOptions(root: rootURL, outputRoot: outputDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
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
        let folder = runOptions.outputFolder(for: spec).standardizedFileURL.path
        let prefix = rootURL.standardizedFileURL.path + "/"
        return folder.hasPrefix(prefix) ? String(folder.dropFirst(prefix.count)) : folder
    }
}

/// Runs a command body, printing any error as a diagnostic and exiting with its sysexits status.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as any DiagnosticError {
        Console.error(error.diagnostic.description)
        throw ExitCode(error.exitStatus.rawValue)
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func log(_ diagnostic: Diagnostic) {
        error(diagnostic.description)
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: read the sources, compute the aggregates, write every output.",
        discussion:
            "Outputs are published only when the whole run succeeds; a failed run leaves earlier outputs untouched."
    )

    @OptionGroup var options: PipelineOptions

    func run() async throws {
        try await reportingErrors {
            let spec = try options.load()
            let report = try await PipelineRunner(spec: spec, options: options.runOptions, log: Console.log).run()
            let read = report.sources.map(\.statistics.read).reduce(0, +)
            let accepted = report.sources.map(\.statistics.accepted).reduce(0, +)
            Console.error(
                "citynet: \(spec.name): \(read) records read, \(accepted) accepted, \(report.rejects.count) rejected; "
                    + "\(report.files.count) files written to \(options.outputFolderDescription(spec))"
            )
        }
    }
}

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline file and read its sources without writing anything."
    )

    @OptionGroup var options: PipelineOptions

    func run() async throws {
        try await reportingErrors {
            let spec = try options.load()
            let result = try PipelineRunner(spec: spec, options: options.runOptions, log: Console.log).validate()
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
        abstract: "Print the stages of a pipeline in the order a run executes them, with their inputs and outputs."
    )

    @OptionGroup var options: PipelineOptions

    func run() async throws {
        try await reportingErrors {
            let spec = try options.load()
            print(PipelinePlan(spec: spec, outputFolder: options.outputFolderDescription(spec)).text, terminator: "")
        }
    }
}
