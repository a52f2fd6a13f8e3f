// swift-tools-version:6.1
// MatrixExp: the matrix exponential exp(AΔt) by Taylor, Chebyshev, Padé and Krylov methods,
// with analytic gradients and error bounds. The map of modules is in README.md ("Modules").
import PackageDescription

/// What every notebook-as-script links: the library and the SVG writer of `MexpCommands`.
let notebookDependencies: [Target.Dependency] = ["Linalg", "MatrixExp", "Parametrizations", "MexpCommands"]

let package = Package(
    name: "MatrixExp",
    products: [
        .library(name: "Linalg", targets: ["Linalg"]),
        .library(name: "MatrixExp", targets: ["MatrixExp"]),
        .library(name: "Parametrizations", targets: ["Parametrizations"]),
        .library(name: "HWNODE", targets: ["HWNODE"]),
        .library(name: "LMTrainer", targets: ["LMTrainer"]),
        .executable(name: "mexp", targets: ["mexp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        // `swift package generate-documentation` (docs/api-reference.md); a command plugin, not built by `swift build`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev liblapacke-dev libfftw3-dev).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE"),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW"),

        // Foundation layer: dense and sparse matrices, BLAS/LAPACK/FFTW bindings, file formats.
        .target(
            name: "Linalg",
            dependencies: [
                "CBLAS", "CLAPACKE", "CFFTW",
                .product(name: "Numerics", package: "swift-numerics"),
            ]),

        // Core: the four method families, their bounds, gradients and derived coefficients.
        .target(
            name: "MatrixExp",
            dependencies: [
                "Linalg",
                .product(name: "Numerics", package: "swift-numerics"),
                .product(name: "BigInt", package: "BigInt"),
            ]),

        // Differentiable constraints on A: spectral normalization, orthogonal maps, stable flows.
        .target(
            name: "Parametrizations",
            dependencies: [
                "Linalg", "MatrixExp",
                .product(name: "Numerics", package: "swift-numerics"),
            ]),

        // Consumers: the HWNODE layer with the small NN kit the trainer needs, and the trainer.
        .target(
            name: "HWNODE",
            dependencies: [
                "Linalg", "MatrixExp", "Parametrizations",
                .product(name: "Numerics", package: "swift-numerics"),
            ]),
        .target(name: "LMTrainer", dependencies: ["Linalg", "HWNODE"]),

        // The `mexp` command: subcommands live in a library so that tests can drive them in-process.
        .target(
            name: "MexpCommands",
            dependencies: [
                "Linalg", "MatrixExp", "Parametrizations", "HWNODE", "LMTrainer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Resources/sweep-hard-cases.json")]),
        .executableTarget(name: "mexp", dependencies: ["MexpCommands"]),

        // Walkthroughs in percent-cell style (`swift run NB01ExpFourWays [FIGURE_DIR] [--short]`).
        .executableTarget(name: "NB01ExpFourWays", dependencies: notebookDependencies, path: "notebooks-as-scripts/01-exp-four-ways"),
        .executableTarget(name: "NB02ChoosingAnOrder", dependencies: notebookDependencies, path: "notebooks-as-scripts/02-choosing-an-order"),
        .executableTarget(
            name: "NB03GradientsThreeWays",
            dependencies: notebookDependencies + [.product(name: "ComplexModule", package: "swift-numerics")],
            path: "notebooks-as-scripts/03-gradients-three-ways"),
        .executableTarget(name: "NB04Parametrizations", dependencies: notebookDependencies, path: "notebooks-as-scripts/04-parametrizations"),
        .executableTarget(name: "NB05HWNODEBlock", dependencies: notebookDependencies, path: "notebooks-as-scripts/05-hwnode-block"),
        .executableTarget(
            name: "NB06Training", dependencies: notebookDependencies + ["HWNODE", "LMTrainer"], path: "notebooks-as-scripts/06-training"),

        .testTarget(name: "LinalgTests", dependencies: ["Linalg"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MatrixExpTests", dependencies: ["MatrixExp", "Linalg"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ParametrizationsTests", dependencies: ["Parametrizations", "MatrixExp", "Linalg"]),
        .testTarget(name: "HWNODETests", dependencies: ["HWNODE", "MatrixExp", "Linalg"]),
        .testTarget(name: "LMTrainerTests", dependencies: ["LMTrainer", "HWNODE", "Linalg"]),
        .testTarget(name: "MexpTests", dependencies: ["MexpCommands", "Linalg"]),
    ]
)
