public import CityNetModel

/// Why a pipeline cannot be loaded or a run cannot finish.
public enum PipelineError: DiagnosticError, Sendable, Hashable {
    /// The pipeline file is wrong: syntax, an unknown key, a bad value, a dangling reference.
    case invalidPipeline(SourceLocation, String)
    /// The pipeline file itself cannot be read.
    case pipelineFileMissing(path: String)
    /// A `--param` names a parameter the pipeline does not declare, or is not `name=value`.
    case invalidParameter(String)
    /// A source rejected more records than its `max_reject_rate` allows.
    case rejectRateExceeded(source: String, rejected: Int, read: Int, limit: Double, location: SourceLocation?)
    /// An output file or folder cannot be written.
    case cannotWrite(path: String, reason: String)
    /// A reference file (themes, countries) is unusable.
    case invalidReference(SourceLocation, String)
    /// A source's counts do not add up: read ≠ accepted + rejected. This is a bug in citynet.
    case reconciliationFailed(source: String, read: Int, accepted: Int, rejected: Int)
    /// A table cannot be drawn as the chart asks.
    case chartFailed(SourceLocation?, String)
    /// Another run holds the output folder's lock.
    case locked(folder: String, holder: String)

    public var diagnostic: Diagnostic {
        switch self {
        case .invalidPipeline(let location, let message):
            Diagnostic(.error, message, at: location)
        case .pipelineFileMissing(let path):
            Diagnostic(.error, "pipeline file not found: \(path)", at: SourceLocation(file: path))
        case .invalidParameter(let message):
            Diagnostic(.error, message)
        case .rejectRateExceeded(let source, let rejected, let read, let limit, let location):
            Diagnostic(
                .error,
                "source '\(source)' rejected \(rejected) of \(read) records (\(percent(rejected, of: read))), "
                    + "more than its max_reject_rate of \(percent(limit)); see rejects.csv; no output was changed",
                at: location
            )
        case .cannotWrite(let path, let reason):
            Diagnostic(.error, "cannot write \(path): \(reason)", at: SourceLocation(file: path))
        case .invalidReference(let location, let message):
            Diagnostic(.error, message, at: location)
        case .chartFailed(let location, let message):
            Diagnostic(.error, message, at: location)
        case .locked(let folder, let holder):
            Diagnostic(
                .error,
                "another run is writing \(folder) (\(holder)); try again later, or wait for it with --wait SECONDS")
        case .reconciliationFailed(let source, let read, let accepted, let rejected):
            Diagnostic(
                .error,
                "source '\(source)': \(read) records read but \(accepted) accepted and \(rejected) rejected; "
                    + "this is a bug in citynet, and no output was changed"
            )
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidPipeline, .chartFailed: .configuration
        case .pipelineFileMissing: .inputMissing
        case .invalidParameter: .usage
        case .rejectRateExceeded, .reconciliationFailed: .dataError
        case .cannotWrite: .cannotCreateOutput
        case .locked: .temporaryFailure
        case .invalidReference: .dataError
        }
    }
}

private func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "0%" }
    return percent(Double(part) / Double(whole))
}

private func percent(_ fraction: Double) -> String {
    Cell.format((fraction * 1000).rounded() / 10) + "%"
}
