/// A small typed HTML (and inline SVG) tree. Text and attribute values are always escaped
/// when rendered; the only way to emit markup unescaped is `trusted`, which takes a
/// `StaticString`, so it can hold a literal written in this code (the stylesheet, the sort
/// script) and never a value read from input data. Tag and attribute names are static too.
indirect enum HTMLNode: Sendable, Equatable {
    case element(StaticString, [HTMLAttribute], [HTMLNode])
    case text(String)
    case trusted(StaticString)
    case fragment([HTMLNode])

    /// Elements the HTML parser never expects a closing tag for.
    private static let voidElements: Set<String> = ["meta", "link", "br", "hr", "img", "input", "col", "wbr"]

    func render() -> String {
        var output = ""
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        switch self {
        case let .element(name, attributes, children):
            let tag = name.description
            output.append("<")
            output.append(tag)
            for attribute in attributes {
                output.append(" ")
                output.append(attribute.name.description)
                output.append("=\"")
                HTMLEscaping.escape(attribute.value, into: &output)
                output.append("\"")
            }
            output.append(">")
            // Void elements never have children: only a childless one is looked up.
            if children.isEmpty && Self.voidElements.contains(tag) { return }
            for child in children { child.render(into: &output) }
            output.append("</")
            output.append(tag)
            output.append(">")
        case let .text(text):
            HTMLEscaping.escape(text, into: &output)
        case let .trusted(markup):
            output.append(markup.description)
        case let .fragment(children):
            for child in children { child.render(into: &output) }
        }
    }

    static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool { lhs.render() == rhs.render() }
}

struct HTMLAttribute: Sendable {
    let name: StaticString
    let value: String

    init(_ name: StaticString, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Short constructors so page code reads like the markup it makes.
func el(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:],
        _ children: [HTMLNode] = []) -> HTMLNode {
    .element(name, attributes.map { HTMLAttribute($0.key, $0.value) }, children)
}

func el(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], text: String) -> HTMLNode {
    el(name, attributes, [.text(text)])
}

/// An element whose attribute list is built at run time (optional attributes).
func el(_ name: StaticString, attributes: [HTMLAttribute], _ children: [HTMLNode] = []) -> HTMLNode {
    .element(name, attributes, children)
}
