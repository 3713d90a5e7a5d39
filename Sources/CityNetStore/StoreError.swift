public import CityNetModel

/// Why a database could not be written or read.
public enum StoreError: DiagnosticError, Sendable, Hashable {
    /// The server cannot be reached now (refused, unreachable, lost mid-run): try again later.
    case unavailable(database: String, reason: String)
    /// The server refuses this client (bad credentials, a missing database) or the file cannot be written.
    case refused(database: String, reason: String)
    /// A statement failed.
    case failed(database: String, reason: String)

    public var diagnostic: Diagnostic {
        switch self {
        case .unavailable(let database, let reason):
            Diagnostic(.error, "database \(database) is unavailable: \(reason); nothing was changed, try again later")
        case .refused(let database, let reason):
            Diagnostic(.error, "database \(database) refused the run: \(reason); nothing was changed")
        case .failed(let database, let reason):
            Diagnostic(.error, "database \(database): \(reason); the transaction was rolled back")
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .unavailable: .temporaryFailure
        case .refused, .failed: .cannotCreateOutput
        }
    }
}
