/// Builds indented HTML text in which every piece of text and every attribute value is escaped.
struct HTMLBuilder {
    private(set) var text = ""
    private var depth = 0

    /// Opens an element on a line of its own; its children are indented.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(HTMLBuilder.render(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// A void element (`meta`), which has no content and no end tag.
    mutating func void(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        line("<\(name)\(HTMLBuilder.render(attributes))>")
    }

    /// An element on one line holding escaped text.
    mutating func element(_ name: String, _ content: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line(HTMLBuilder.inline(name, content, attributes))
    }

    /// An element on one line holding markup that is already escaped (built with `inline`).
    mutating func element(_ name: String, markup: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(HTMLBuilder.render(attributes))>\(markup)</\(name)>")
    }

    /// A line of markup that is already escaped.
    mutating func line(_ markup: String) {
        text += String(repeating: "  ", count: depth) + markup + "\n"
    }

    /// Markup added as it is, unindented (an inlined SVG keeps its own layout).
    mutating func verbatim(_ markup: String) {
        text += markup
        if !markup.hasSuffix("\n") { text += "\n" }
    }

    /// An element holding escaped text, as a string to place inside another element.
    static func inline(_ name: String, _ content: String, _ attributes: KeyValuePairs<String, String> = [:]) -> String {
        "<\(name)\(render(attributes))>\(escape(content))</\(name)>"
    }

    /// Escapes text for HTML content and quoted attribute values (the same rules as SVG's XML).
    static func escape(_ text: String) -> String { SVGDocument.escape(text) }

    private static func render(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }
}
