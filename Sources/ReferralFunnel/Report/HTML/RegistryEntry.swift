/// A ready-to-paste source registry entry for an unregistered source. Every value is a YAML
/// double-quoted string, so a name with a colon, a `#` or quotes pastes as what it says.
enum RegistryEntry {
    static func yaml(for source: DataQuality.UnregisteredSource) -> String {
        let aliases = source.spellings.filter { $0 != source.name }
        // A name seen only on the web (a utm_source or referrer host) is a digital source.
        let type = source.referrals == 0 && source.sessions > 0 ? "digital" : "practice"
        return "- name: \(quoted(source.name))\n  type: \(type)\n  aliases: [\(aliases.map(quoted).joined(separator: ", "))]"
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
