import Foundation

/// Where a pipeline may write (issue 22, "outside the output folder"). The report step
/// replaces files in the output folder and a run creates and replaces the warehouse, so a
/// config that points either at a folder holding other things (`/`, the home folder, the
/// project) would write among them, and one inside a feed folder would have the next run
/// ingest its own reports. `name` names the default warehouse and output paths, so it must
/// not be able to climb out of them.
extension PipelineConfig {
    /// The project root: the folder that holds the config's folder (`pipelines/`), as the
    /// sample lays a project out (`pipelines/`, `sample-data/`, `warehouse/`, `reports/`).
    /// Outputs belong in folders of their own below it, never in it.
    public var projectRoot: URL {
        configFile.deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL
    }

    /// The folder each feed's exports are found in: the part of each glob before its first
    /// pattern character (the folder of a glob without one).
    var feedFolders: [String] {
        feeds.values.flatMap(\.filePatterns).map { pattern in
            var folder: [String] = []
            for component in (pattern as NSString).pathComponents.dropLast() {
                if component.contains(where: { "*?[".contains($0) }) { break }
                folder.append(component)
            }
            return NSString.path(withComponents: folder.isEmpty ? ["/"] : folder)
        }
    }

    /// The config, when its name is a plain name and its output folder and warehouse are
    /// places of their own; else a `ConfigError` naming the key and the problem.
    func checkedForOutputSafety(file: String) throws -> PipelineConfig {
        if let problem = Self.problem(withName: name) {
            throw ConfigError.invalidValue(file: file, key: "name", problem: problem)
        }
        if let problem = problem(withPlace: outputFolder.path, isFolder: true) {
            throw ConfigError.invalidValue(file: file, key: "output", problem: problem)
        }
        if let problem = problem(withPlace: warehouse.path, isFolder: false) {
            throw ConfigError.invalidValue(file: file, key: "warehouse", problem: problem)
        }
        return self
    }

    static func problem(withName name: String) -> String? {
        if name.isEmpty {
            return "must not be empty"
        }
        if name.contains("/") || name.contains("..") || name.hasPrefix(".")
            || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "'\(name.debugDescription.dropFirst().dropLast())' must be a plain name (no '/', no '..', no control characters, not starting with '.'): it names the default warehouse and report folder"
        }
        return nil
    }

    /// Why `path` (the output folder, or the warehouse file) may not be written to, if so.
    /// Paths are compared with symbolic links resolved, so a link cannot hide the place.
    private func problem(withPlace path: String, isFolder: Bool) -> String? {
        let place = Self.resolved(path)
        let root = Self.resolved(projectRoot.path)
        let home = Self.resolved(FileManager.default.homeDirectoryForCurrentUser.path)
        let what = isFolder ? "the output folder" : "the warehouse"
        if place == "/" {
            return "\(what) may not be the root folder '/': it would write among everything on the machine"
        }
        if place == home {
            return "\(what) may not be the home folder \(displayPath(path)): give it a folder of its own"
        }
        if place == root || Self.isInside(root, place) {
            return "\(what) may not be the project root \(displayPath(path)) (the folder holding the config's folder) or above it: give it a folder of its own, e.g. reports/\(name)"
        }
        if !isFolder && Self.isFolder(place) {
            return "\(what) \(displayPath(path)) is a folder: name the database file, e.g. warehouse/\(name).sqlite"
        }
        for folder in feedFolders.map(Self.resolved) where place == folder || Self.isInside(place, folder) {
            return "\(what) \(displayPath(path)) is in the feed folder \(displayPath(folder)): the next run would read what is written there as exports"
        }
        return nil
    }

    /// Whether `path` is strictly below `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder == "/" ? "/" : folder + "/") && path != folder
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The absolute path with `.`/`..` removed and the links of its existing part resolved.
    static func resolved(_ path: String) -> String {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        // Foundation resolves links only along the part that exists; the rest is kept.
        var existing = standardized
        var rest: [String] = []
        while existing != "/" && !FileManager.default.fileExists(atPath: existing) {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let real = realpath(existing, nil).map { pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? existing
        return rest.isEmpty ? real : NSString.path(withComponents: [real] + rest)
    }
}
