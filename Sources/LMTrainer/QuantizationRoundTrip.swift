import HWNODE
import Linalg

extension ParameterContainer {
    /// Replaces every weight matrix (a parameter with more than one row and more than one column)
    /// by its per-row quantize → dequantize round trip; vectors (norm gains, biases, Δt) are left
    /// in full precision, as are buffers, which are not parameters. This is the reference
    /// trainer's `roundtrip_state` in `absmax` mode: what the model would compute after being
    /// stored with `format`.
    /// - Returns: how many entries were quantized.
    @discardableResult
    public mutating func applyQuantizationRoundTrip(_ format: QuantizationFormat) -> Int {
        var quantized = 0
        visitParameters { parameter in
            guard parameter.value.rows > 1, parameter.value.columns > 1 else { return }
            parameter.value = RowQuantizedMatrix(quantizing: parameter.value, format: format).dequantized()
            quantized += parameter.count
        }
        return quantized
    }
}
