// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "referral-funnel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "referral-funnel", targets: ["referral-funnel"]),
        .library(name: "ReferralFunnel", targets: ["ReferralFunnel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries come in through tiny system targets: a module map and a shim header,
        // with pkg-config for flags and the apt package that provides them.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // One C function Swift cannot call well by itself (see its header).
        .target(name: "CFormatting"),
        .target(
            name: "ReferralFunnel",
            dependencies: [
                "CFormatting",
                "CSQLite",
                "CXLSXWriter",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Transform/models"), .copy("Warehouse/migrations")]
        ),
        .executableTarget(
            name: "referral-funnel",
            dependencies: [
                "ReferralFunnel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReferralFunnelTests",
            dependencies: ["ReferralFunnel", "referral-funnel"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
