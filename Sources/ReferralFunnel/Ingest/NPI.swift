/// National Provider Identifiers: ten digits whose last is a Luhn check digit computed over
/// the first nine with the prefix `80840` (the card-issuer prefix CMS reserved for NPIs).
///
/// The pipeline takes `referring_npi` as text and only flags a malformed one in the
/// data-quality report (SPEC section 5); this is the check behind that flag.
public enum NPI {
    /// The prefix that stands in front of the nine NPI digits when the check digit is computed.
    static let luhnPrefix: [Int] = [8, 0, 8, 4, 0]

    /// Whether `text` is exactly ten ASCII digits with a valid check digit.
    public static func isValid(_ text: String) -> Bool {
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.count == 10, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return checkDigit(forDigits: Array(digits.prefix(9))) == digits[9]
    }

    /// The check digit that completes nine digits into a valid NPI, or nil when
    /// `firstNine` is not nine ASCII digits.
    public static func checkDigit(forFirstNine firstNine: String) -> Int? {
        let digits = firstNine.utf8.map { Int($0) - 48 }
        guard digits.count == 9, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        return checkDigit(forDigits: digits)
    }

    /// Luhn: from the rightmost payload digit leftwards, every other digit (starting with
    /// the rightmost) is doubled and its digits summed; the check digit tops the sum up to
    /// a multiple of ten.
    static func checkDigit(forDigits digits: [Int]) -> Int {
        let payload = luhnPrefix + digits
        var sum = 0
        for (offset, digit) in payload.reversed().enumerated() {
            if offset % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}
