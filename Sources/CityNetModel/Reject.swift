/// A record that could not be used, with the rule it broke and the reason a person can act on.
public struct Reject: Sendable, Hashable {
    /// The source's name in the pipeline file.
    public var source: String
    /// Where the record (or the value) is in its file.
    public var location: SourceLocation
    /// The field that failed, or empty when the whole row is unreadable.
    public var field: String
    /// The offending value as found.
    public var value: String
    /// The rule that was broken: `row` (unreadable), `type` (not a number, year…), `reference` (unknown
    /// country, SDG, city), `required`, `unique`, `range` or `accepted`.
    public var rule: String
    /// Why it was rejected.
    public var reason: String
    /// What was probably meant, when there is a close match (`Colombia` for `Columbia`).
    public var suggestion: String

    /// Creates a reject.
    public init(
        source: String, location: SourceLocation, field: String, value: String, rule: String = "row", reason: String,
        suggestion: String = ""
    ) {
        self.source = source
        self.location = location
        self.field = field
        self.value = value
        self.rule = rule
        self.reason = reason
        self.suggestion = suggestion
    }
}
