/// A record, or a value of one, that could not be used, with the reason a person can act on.
public struct Reject: Sendable, Hashable {
    /// The source's name in the pipeline file.
    public var source: String
    /// Where the record (or the value) is in its file.
    public var location: SourceLocation
    /// The field that failed, or empty when the whole row is unreadable.
    public var field: String
    /// The offending value as found.
    public var value: String
    /// Why it was rejected.
    public var reason: String

    /// Creates a reject.
    public init(source: String, location: SourceLocation, field: String, value: String, reason: String) {
        self.source = source
        self.location = location
        self.field = field
        self.value = value
        self.reason = reason
    }
}
