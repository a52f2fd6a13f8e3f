// swift-tools-version:6.1
// MatrixExp benchmarks (package-benchmark). A separate package so that the library's users and
// its CI never build the benchmark harness. Run from this folder:
//   swift package --disable-sandbox benchmark
// The results and the command that produced them are recorded in ../docs/performance.md.
import PackageDescription

let package = Package(
    name: "MatrixExpBenchmarks",
    dependencies: [
        .package(name: "MatrixExp", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // CBLAS called directly, without the Linalg wrapper: the baseline the wrapper is measured against.
        .systemLibrary(name: "BenchmarkCBLAS", path: "Sources/BenchmarkCBLAS"),

        // The two GEMM paths compared: the Linalg wrapper and a direct `cblas_?gemm` call.
        .target(name: "GEMMPaths", dependencies: ["BenchmarkCBLAS", .product(name: "Linalg", package: "MatrixExp")]),

        // GEMM timed through both paths (package-benchmark).
        .executableTarget(
            name: "GEMM",
            dependencies: [
                "GEMMPaths",
                .product(name: "Linalg", package: "MatrixExp"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/GEMM",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),

        // The expm benchmarks' operand (seeded Gaussian scaled to a 1-norm, as `mexp bench expm`).
        .target(name: "BenchmarkOperands", dependencies: [.product(name: "Linalg", package: "MatrixExp")]),

        // expm by each method, n = 4…256 (1024 with EXPM_BENCHMARK_FULL=1), ‖A‖₁ = 0.1…100,
        // Double and Float, with mallocs counted; and the 1-norm estimator on its workspace.
        .executableTarget(
            name: "Expm",
            dependencies: [
                "BenchmarkOperands",
                .product(name: "Linalg", package: "MatrixExp"),
                .product(name: "MatrixExp", package: "MatrixExp"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Expm",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),

        // The HWNODE block at the reference trainer's shape, forward and forward + backward, Float,
        // with mallocs counted, beside one GEMM of its large products' shape.
        .executableTarget(
            name: "HWNODEBenchmarks",
            dependencies: [
                .product(name: "HWNODE", package: "MatrixExp"),
                .product(name: "Linalg", package: "MatrixExp"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/HWNODE",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),

        // One training step of the byte-level GPT (MLP L4 and HWNODE L7 n = 128, Float), the
        // reference shapes of peers/lm/RESULTS.md; BLAS threads from TRAINING_BENCHMARK_THREADS.
        .executableTarget(
            name: "TrainingStep",
            dependencies: [
                .product(name: "LMTrainer", package: "MatrixExp"),
                .product(name: "HWNODE", package: "MatrixExp"),
                .product(name: "Linalg", package: "MatrixExp"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TrainingStep",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),

        // Writes that operand to .npy for the peer scripts (peers/expm_scipy.py).
        .executableTarget(
            name: "ExpmOperandWriter",
            dependencies: ["BenchmarkOperands", .product(name: "Linalg", package: "MatrixExp")]),

        // Runs one path N times, for instruction counts under Valgrind (repeatable on a busy machine).
        .executableTarget(
            name: "GEMMInstructionCount",
            dependencies: ["GEMMPaths", .product(name: "Linalg", package: "MatrixExp")]),
    ]
)
