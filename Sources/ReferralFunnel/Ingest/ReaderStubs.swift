// TEMPORARY: signatures of the writers being built on other branches.
import Foundation

public enum NPI { public static func isValid(_ npi: String) -> Bool { true } }
