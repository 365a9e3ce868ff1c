// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for the input readers, kept out of the main package so that its build
// and `swift test` never see sanitizer flags. Build and run them with `Fuzz/run.sh`.
//
// The property checks are shared with the main package's FuzzRegressionTests: each fuzz
// target holds a symbolic link to the one file in Tests/ReferralFunnelTests/Support/
// FuzzProperties/ that it needs, so CI re-checks the committed corpus against exactly the
// same properties without libFuzzer.
let fuzzTargetDependencies: [Target.Dependency] = [
    "CLibFuzzer",
    "FuzzSupport",
    .product(name: "ReferralFunnel", package: "referral-funnel"),
]

let package = Package(
    name: "referral-funnel-fuzz",
    dependencies: [
        .package(name: "referral-funnel", path: ".."),
    ],
    targets: [
        // libFuzzer's driver entry point, declared for Swift; the symbol itself comes from
        // the `-sanitize=fuzzer` link.
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzCSVReader",
            dependencies: fuzzTargetDependencies
        ),
        .executableTarget(
            name: "FuzzJSONLinesReader",
            dependencies: fuzzTargetDependencies
        ),
        .executableTarget(
            name: "FuzzTimestampParser",
            dependencies: fuzzTargetDependencies
        ),
        .executableTarget(
            name: "FuzzPipelineConfig",
            dependencies: fuzzTargetDependencies
        ),
    ],
    swiftLanguageModes: [.v6]
)
