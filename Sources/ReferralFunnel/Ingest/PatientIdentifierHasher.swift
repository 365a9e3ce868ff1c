import Crypto
import Foundation

/// Replaces patient identifiers with a keyed hash (HMAC-SHA256) at read time, so no raw
/// identifier reaches the warehouse (SPEC section 8). The same key gives the same hash, so
/// intake and scheduling rows of one patient still join.
public struct PatientIdentifierHasher: Sendable {
    // Kept as bytes: SymmetricKey is not Sendable, and the hasher is shared by parsers.
    private let keyBytes: Data
    /// True when the published development key is in use; the run says so.
    public let isDevelopmentKey: Bool

    /// Public and therefore not secret: only for the generated sample practice.
    static let developmentKeyText = "referral-funnel development key: sample data only"
    public static let environmentVariable = "REFERRAL_FUNNEL_KEY"
    /// As long as the HMAC-SHA256 output: a shorter key can be guessed by trying keys
    /// against the hashes in the warehouse.
    public static let minimumKeyBytes = 32

    public init(keyText: String, isDevelopmentKey: Bool = false) {
        keyBytes = Data(keyText.utf8)
        self.isDevelopmentKey = isDevelopmentKey
    }

    /// The key from `REFERRAL_FUNNEL_KEY`, else the config's key file, else (when the config
    /// allows it) the development key.
    public static func forPipeline(_ config: PipelineConfig,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PatientIdentifierHasher {
        if let text = environment[environmentVariable], !text.isEmpty {
            guard text.utf8.count >= minimumKeyBytes else {
                throw PipelineError.patientKeyTooShort(source: environmentVariable, bytes: text.utf8.count,
                                                       minimum: minimumKeyBytes)
            }
            return PatientIdentifierHasher(keyText: text)
        }
        if let keyFile = config.patientKeyFile {
            let text = try readKeyFile(keyFile.path)
            guard text.utf8.count >= minimumKeyBytes else {
                throw PipelineError.patientKeyTooShort(source: keyFile.path, bytes: text.utf8.count, minimum: minimumKeyBytes)
            }
            return PatientIdentifierHasher(keyText: text)
        }
        if config.allowDevelopmentKey {
            return PatientIdentifierHasher(keyText: developmentKeyText, isDevelopmentKey: true)
        }
        throw PipelineError.noPatientKey(pipeline: config.configFile.path)
    }

    /// Stands for the key in the warehouse's record of its settings (`IngestSettings`), so
    /// that a run under another key is refused: an HMAC of a fixed label under the key,
    /// which tells keys apart without revealing the key or anything a guess could be
    /// checked against offline without the key.
    public var keyFingerprint: String {
        hash("referral-funnel patient key fingerprint, version 1")
    }

    /// The key file's text, trimmed. Refused, as ssh refuses a private key, when group or
    /// others may read or write it; checked by `stat` before it is opened, so a FIFO or a
    /// device named as the key file is an error rather than a read that never returns.
    static func readKeyFile(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PipelineError.unreadableKeyFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw PipelineError.unreadableKeyFile(path: path, reason: "it is not a regular file")
        }
        let permissions = info.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw PipelineError.keyFileOpenToOthers(path: path, permissions: String(permissions, radix: 8))
        }
        do {
            let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                throw PipelineError.unreadableKeyFile(path: path, reason: "the file is empty")
            }
            return text
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.unreadableKeyFile(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Lowercase hex of HMAC-SHA256(key, identifier).
    public func hash(_ identifier: String) -> String {
        keyed().hash(identifier)
    }

    /// The HMAC state after the key, to hash many identifiers without setting up the key for
    /// each (the setup cost as much as the hash itself in the ingest profile).
    func keyed() -> Keyed {
        Keyed(initial: HMAC<SHA256>(key: SymmetricKey(data: keyBytes)))
    }

    struct Keyed {
        let initial: HMAC<SHA256>

        func hash(_ identifier: String) -> String {
            var state = initial
            var identifier = identifier
            identifier.withUTF8 { state.update(data: $0) }
            let code = state.finalize()
            return String(unsafeUninitializedCapacity: 64) { buffer in
                var index = 0
                for byte in code {
                    buffer[index] = PatientIdentifierHasher.hexDigits[Int(byte >> 4)]
                    buffer[index + 1] = PatientIdentifierHasher.hexDigits[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }

    fileprivate static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
