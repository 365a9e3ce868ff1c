/// The document properties Excel shows under File > Info.
public struct XLSXDocumentProperties: Sendable, Equatable {
    public var title: String
    public var subject: String
    public var author: String
    public var company: String
    public var keywords: String
    public var comments: String
    /// Written as the document's creation date. Passing a fixed value (not "now") is what
    /// makes two runs on the same inputs produce identical XML.
    public var createdSecondsSinceEpoch: Int64

    public init(title: String = "", subject: String = "", author: String = "", company: String = "",
                keywords: String = "", comments: String = "", createdSecondsSinceEpoch: Int64) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.keywords = keywords
        self.comments = comments
        self.createdSecondsSinceEpoch = createdSecondsSinceEpoch
    }
}
