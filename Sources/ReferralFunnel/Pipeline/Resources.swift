import Foundation

/// Reads the package's bundled text resources (migrations and transform models).
enum Resources {
    static func text(named name: String, folder: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sql", subdirectory: folder) else {
            throw PipelineError.missingResource("\(folder)/\(name).sql")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// A transform model's SQL as it runs, `path` under `models/` without `.sql` (e.g.
    /// `marts/funnel_by_source_week`), with its catalogue placeholders expanded. Every read of a
    /// model goes through here, so no connection ever runs a model with a placeholder left in.
    static func model(_ path: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        let folder = "models/" + (path as NSString).deletingLastPathComponent
        return try ModelPlaceholders.expand(try text(named: name, folder: folder), model: name)
    }
}
