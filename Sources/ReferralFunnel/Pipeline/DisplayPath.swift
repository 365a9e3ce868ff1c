import Foundation

/// A path as the user would type it: relative to the working folder when inside it.
public func displayPath(_ path: String) -> String {
    let current = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
}
