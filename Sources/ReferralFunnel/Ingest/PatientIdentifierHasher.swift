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

    public init(keyText: String, isDevelopmentKey: Bool = false) {
        keyBytes = Data(keyText.utf8)
        self.isDevelopmentKey = isDevelopmentKey
    }

    /// The key from `REFERRAL_FUNNEL_KEY`, else the config's key file, else (when the config
    /// allows it) the development key.
    public static func forPipeline(_ config: PipelineConfig,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PatientIdentifierHasher {
        if let text = environment[environmentVariable], !text.isEmpty {
            return PatientIdentifierHasher(keyText: text)
        }
        if let keyFile = config.patientKeyFile {
            do {
                let text = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else {
                    throw PipelineError.unreadableKeyFile(path: keyFile.path, reason: "the file is empty")
                }
                return PatientIdentifierHasher(keyText: text)
            } catch let error as PipelineError {
                throw error
            } catch {
                throw PipelineError.unreadableKeyFile(path: keyFile.path, reason: (error as NSError).localizedDescription)
            }
        }
        if config.allowDevelopmentKey {
            return PatientIdentifierHasher(keyText: developmentKeyText, isDevelopmentKey: true)
        }
        throw PipelineError.noPatientKey(pipeline: config.configFile.path)
    }

    /// Lowercase hex of HMAC-SHA256(key, identifier).
    public func hash(_ identifier: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(identifier.utf8), using: SymmetricKey(data: keyBytes))
        var hex = ""
        hex.reserveCapacity(64)
        for byte in code {
            hex.append(Self.hexDigits[Int(byte >> 4)])
            hex.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return hex
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
}
