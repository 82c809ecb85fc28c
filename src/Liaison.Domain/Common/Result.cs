namespace Liaison.Domain.Common;

/// <summary>
/// Either a value or an <see cref="Error"/>. <c>default(Result&lt;T&gt;)</c> is not a valid result:
/// reading either side of it throws, so always construct one through the implicit conversions.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T value)
    {
        _value = value;
        _error = null;
        IsSuccess = true;
    }

    private Result(Error error)
    {
        _value = default;
        _error = error;
        IsSuccess = false;
    }

    /// <summary>True when this holds a value.</summary>
    public bool IsSuccess { get; }

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">This result is a failure.</exception>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value.");

    /// <summary>The error.</summary>
    /// <exception cref="InvalidOperationException">This result is a success.</exception>
    public Error Error => _error ?? throw new InvalidOperationException("A successful result has no error.");

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => new(value);

    /// <summary>Wraps an error.</summary>
    public static implicit operator Result<T>(Error error) => new(error);

    /// <summary>Maps the value, keeping an error as it is.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Error;

    /// <summary>Chains a step that can fail.</summary>
    public Result<TOut> Then<TOut>(Func<T, Result<TOut>> next) => IsSuccess ? next(Value) : Error;

    /// <summary>Calls one of two functions.</summary>
    public TOut Match<TOut>(Func<T, TOut> success, Func<Error, TOut> failure) => IsSuccess ? success(Value) : failure(Error);
}
