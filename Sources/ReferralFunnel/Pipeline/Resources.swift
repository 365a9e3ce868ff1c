import Foundation

/// Reads the package's bundled text resources (migrations and transform models).
enum Resources {
    static func text(named name: String, folder: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sql", subdirectory: folder) else {
            throw PipelineError.missingResource("\(folder)/\(name).sql")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
