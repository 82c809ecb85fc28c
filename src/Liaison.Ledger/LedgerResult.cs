namespace Liaison.Ledger;

/// <summary>
/// Either a value or a <see cref="LedgerError"/>. <c>default</c> is not a valid result: reading either side of it
/// throws, so build one through the implicit conversions.
/// </summary>
public readonly struct LedgerResult<T>
{
    private readonly T? _value;
    private readonly LedgerError? _error;

    private LedgerResult(T value)
    {
        _value = value;
        _error = null;
        IsSuccess = true;
    }

    private LedgerResult(LedgerError error)
    {
        _value = default;
        _error = error;
        IsSuccess = false;
    }

    /// <summary>True when this holds a value.</summary>
    public bool IsSuccess { get; }

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">This result is a failure.</exception>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed result has no value ({_error}).");

    /// <summary>The error.</summary>
    /// <exception cref="InvalidOperationException">This result is a success.</exception>
    public LedgerError Error => _error ?? throw new InvalidOperationException(
        IsSuccess ? "A successful result has no error." : "A default result holds neither a value nor an error.");

    /// <summary>Wraps a value.</summary>
    public static implicit operator LedgerResult<T>(T value) => new(value);

    /// <summary>Wraps an error.</summary>
    public static implicit operator LedgerResult<T>(LedgerError error) => new(error);

    /// <summary>Maps the value, keeping an error as it is.</summary>
    public LedgerResult<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Error;

    /// <summary>Chains a step that can fail.</summary>
    public LedgerResult<TOut> Then<TOut>(Func<T, LedgerResult<TOut>> next) => IsSuccess ? next(Value) : Error;

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"Ok({_value})" : $"Error({_error})";
}

/// <summary>Success, or a <see cref="LedgerError"/>, for checks that produce no value (proof verification).</summary>
public readonly struct LedgerResult
{
    private readonly LedgerError? _error;

    private LedgerResult(LedgerError? error) => _error = error;

    /// <summary>The successful result.</summary>
    public static LedgerResult Success => default;

    /// <summary>True when the check passed.</summary>
    public bool IsSuccess => _error is null;

    /// <summary>The error.</summary>
    /// <exception cref="InvalidOperationException">This result is a success.</exception>
    public LedgerError Error => _error ?? throw new InvalidOperationException("A successful result has no error.");

    /// <summary>Wraps an error.</summary>
    public static implicit operator LedgerResult(LedgerError error) => new(error);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? "Ok" : $"Error({_error})";
}
