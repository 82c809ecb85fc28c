using System.Text.Json;

namespace Liaison.Ledger.Conformance;

/// <summary>The result of checking one case: passed, or failed with a reason.</summary>
internal readonly record struct CaseOutcome(string? Failure)
{
    public static CaseOutcome Pass => default;

    public bool Passed => Failure is null;

    public static CaseOutcome Fail(string reason) => new(reason);

    /// <summary>Passes when every check passes; otherwise the first failure.</summary>
    public static CaseOutcome All(params ReadOnlySpan<CaseOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (!outcome.Passed)
            {
                return outcome;
            }
        }

        return Pass;
    }

    public static CaseOutcome Expect<T>(string what, T expected, T actual) => EqualityComparer<T>.Default.Equals(expected, actual)
        ? Pass
        : Fail($"{what}: expected {expected}, got {actual}");

    public static CaseOutcome ExpectHex(string what, string expectedHex, ReadOnlySpan<byte> actual) =>
        Expect(what, expectedHex.ToLowerInvariant(), Convert.ToHexStringLower(actual));

    public static CaseOutcome ExpectHexList(string what, IReadOnlyList<string> expectedHex, IReadOnlyList<byte[]> actual) =>
        Expect(what, string.Join(",", expectedHex.Select(h => h.ToLowerInvariant())), string.Join(",", actual.Select(Convert.ToHexStringLower)));
}

/// <summary>Reading vector fields; a missing or mistyped field throws, and the runner reports the case as failed.</summary>
internal static class VectorJson
{
    public static string Str(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"Field {name} is null.");

    public static string? OptionalStr(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Int(this JsonElement element, string name) => element.GetProperty(name).GetInt64();

    public static long? OptionalInt(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    public static bool Bool(this JsonElement element, string name) => element.GetProperty(name).GetBoolean();

    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Str(name));

    public static IReadOnlyList<string> StrList(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException($"Field {name} holds null."))];

    public static IReadOnlyList<byte[]> HexList(this JsonElement element, string name) => [.. element.StrList(name).Select(Convert.FromHexString)];

    public static bool Has(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
