/// A file an emitter produced, held in memory until the pipeline publishes it.
public struct Artifact: Sendable, Hashable {
    /// The path relative to the pipeline's output folder.
    public var path: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Creates an artifact.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates an artifact from UTF-8 text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
