/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
    case note
}

/// A message about an input, tied to where it was found.
///
/// Rendered as `file:line:column: severity: message`, the form editors and CI logs recognise.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious it is.
    public var severity: Severity
    /// What is wrong and, where it helps, what was expected.
    public var message: String
    /// Where it was found, when known.
    public var location: SourceLocation?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// The diagnostic as one line of text.
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }
}

/// The outcome classes of a run, as `sysexits.h` numbers them.
public enum ExitStatus: Int32, Sendable, Hashable {
    case success = 0
    case usage = 64
    case dataError = 65
    case inputMissing = 66
    case cannotCreateOutput = 73
    case temporaryFailure = 75
    case configuration = 78
}

/// An error that can be shown to a user as a diagnostic and mapped to an exit status.
///
/// Every stage's error type conforms, so the command line prints any of them the same way.
public protocol DiagnosticError: Error, CustomStringConvertible {
    /// The error as a diagnostic with its location.
    var diagnostic: Diagnostic { get }
    /// The exit status a run that stops on this error ends with.
    var exitStatus: ExitStatus { get }
}

extension DiagnosticError {
    public var description: String { diagnostic.description }
}
