import Crypto
import Foundation

/// What the kept models' rows depend on besides the loaded rows and the settings: the text
/// of every model and migration, and the build of the product that computed them (its
/// Swift code defines the SQL functions the models call, the kept models' keys and scopes,
/// and how rows are loaded). The warehouse records it with every transform; when the next
/// transform finds another, it rebuilds every kept model from the loaded rows, so a new
/// definition can never leave old numbers standing. Nothing here is bumped by hand.
///
/// The build is the executable's size and modification time rather than a hash of its
/// bytes: reading tens of megabytes would cost every night more than the check is worth,
/// and any install of a new build changes one or the other. A reinstall of the same build
/// costs one full transform, which is also what an upgrade costs.
struct ModelDefinitions: Sendable, Equatable {
    /// SHA-256 of every bundled (or, in tests, overridden) `.sql` model and migration, by
    /// path and text.
    var modelsSHA256: String
    var productBuild: String

    static func current() throws -> ModelDefinitions {
        let texts = try ["models", "migrations"].map { (folder: $0, texts: try Resources.allTexts(under: $0)) }
        return ModelDefinitions(modelsSHA256: sha256(of: texts), productBuild: productBuild())
    }

    static func sha256(of folders: [(folder: String, texts: [(path: String, text: String)])]) -> String {
        var hash = SHA256()
        for (folder, texts) in folders {
            for resource in texts {
                // Lengths first, so that no two different sets of files hash the same bytes.
                let path = Data("\(folder)/\(resource.path)".utf8)
                let text = Data(resource.text.utf8)
                hash.update(data: Data("\(path.count):\(text.count):".utf8))
                hash.update(data: path)
                hash.update(data: text)
            }
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The definitions the warehouse's kept models were last built with; nil for a new
    /// warehouse or one kept by a version that did not record them.
    static func recorded(in database: Database) throws -> ModelDefinitions? {
        let exists = try database.scalar("select count(*) from sqlite_master where type = 'table' and name = 'kept_model_definitions'")?.int == 1
        guard exists, let row = try database.rows("select models_sha256, product_build from kept_model_definitions").first,
              let models = row[0].string, let build = row[1].string
        else { return nil }
        return ModelDefinitions(modelsSHA256: models, productBuild: build)
    }

    /// Records these definitions, inside the transform's transaction: a transform rolled
    /// back leaves the previous record with the previous rows.
    func record(in database: Database) throws {
        try database.execute("""
            create table if not exists kept_model_definitions (models_sha256 text not null, product_build text not null);
            delete from kept_model_definitions;
            """)
        try database.prepare("insert into kept_model_definitions values (?, ?)").run([.text(modelsSHA256), .text(productBuild)])
    }

    /// Why kept models built under `recorded` cannot be kept under these, for the log line;
    /// nil when they can.
    func changeSince(_ recorded: ModelDefinitions?) -> String? {
        guard let recorded else { return "the warehouse does not record which model definitions built it" }
        if recorded.modelsSHA256 != modelsSHA256 { return "the model definitions changed" }
        if recorded.productBuild != productBuild { return "the product was upgraded" }
        return nil
    }

    private static func productBuild() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: executable)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size) \(String(format: "%.6f", modified))"
    }
}
