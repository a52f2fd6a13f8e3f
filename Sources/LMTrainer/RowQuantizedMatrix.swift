import Linalg

/// A matrix quantized per row (rows = output features, PyTorch's dim 0): integer codes and one
/// scale per row, so that entry (i, j) ≈ codes(i, j) · scales[i].
///
/// Rounding is to nearest, ties to even (as `torch.round`), so |w − q·s| ≤ s/2 for every entry
/// before the final product is rounded; the row's largest magnitude maps to ±qmax exactly. A row
/// of zeros gets the floor scale 1e-12 (as the reference's `clamp_min(1e-12)`) and codes 0, so it
/// round-trips exactly.
public struct RowQuantizedMatrix<Scalar: LinalgScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The codes, column-major like `Matrix`, each in −qmax … qmax.
    public let codes: [Int8]
    /// One scale per row.
    public let scales: [Scalar]
    public let format: QuantizationFormat

    /// The smallest scale: a zero row would otherwise divide by zero.
    public static var scaleFloor: Scalar { Scalar(1e-12) }

    /// Quantizes `matrix` row by row.
    public init(quantizing matrix: Matrix<Scalar>, format: QuantizationFormat) {
        let qmax = Scalar(format.maximumCode)
        var scales = [Scalar](repeating: 0, count: matrix.rows)
        for j in 0..<matrix.columns {
            for i in 0..<matrix.rows { scales[i] = max(scales[i], abs(matrix[i, j])) }
        }
        for i in 0..<matrix.rows { scales[i] = max(scales[i] / qmax, Self.scaleFloor) }
        var codes = [Int8](repeating: 0, count: matrix.rows * matrix.columns)
        for j in 0..<matrix.columns {
            for i in 0..<matrix.rows {
                let q = (matrix[i, j] / scales[i]).rounded(.toNearestOrEven)
                codes[i + j * matrix.rows] = Int8(min(max(q, -qmax), qmax))
            }
        }
        self.rows = matrix.rows
        self.columns = matrix.columns
        self.codes = codes
        self.scales = scales
        self.format = format
    }

    /// codes(i, j) · scales[i].
    public func dequantized() -> Matrix<Scalar> {
        var m = Matrix<Scalar>(rows: rows, columns: columns)
        for j in 0..<columns {
            for i in 0..<rows { m[i, j] = Scalar(codes[i + j * rows]) * scales[i] }
        }
        return m
    }
}
