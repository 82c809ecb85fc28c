namespace Liaison.Domain.Common;

/// <summary>
/// An expected failure. The hierarchy is closed: the kinds below are the only ones, and each maps to
/// one HTTP status and CLI exit code in one place. <see cref="Code"/> is stable and becomes the problem
/// <c>type</c> URI (<c>urn:liaison:problem:{Code}</c>); <see cref="Detail"/> is one plain sentence for people.
/// </summary>
public abstract record Error
{
    private protected Error(string code, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        Code = code;
        Detail = detail;
    }

    /// <summary>Stable, lower-case, hyphenated identifier of the failure, e.g. <c>unknown-key</c>.</summary>
    public string Code { get; }

    /// <summary>One sentence saying what is wrong, for a person.</summary>
    public string Detail { get; }

    /// <summary>Machine-readable details (ids, fields) added to the problem document.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    /// <summary>The input is malformed or breaks a rule (HTTP 400).</summary>
    public sealed record Validation : Error
    {
        /// <summary>Creates the error.</summary>
        public Validation(string code, string detail)
            : base(code, detail)
        {
        }
    }

    /// <summary>The caller is not signed in or their credentials are not valid (HTTP 401).</summary>
    public sealed record Unauthenticated : Error
    {
        /// <summary>Creates the error.</summary>
        public Unauthenticated(string code, string detail)
            : base(code, detail)
        {
        }
    }

    /// <summary>The caller may not do this (HTTP 403).</summary>
    public sealed record Forbidden : Error
    {
        /// <summary>Creates the error.</summary>
        public Forbidden(string code, string detail)
            : base(code, detail)
        {
        }
    }

    /// <summary>What the request names does not exist or is not visible to the caller (HTTP 404).</summary>
    public sealed record NotFound : Error
    {
        /// <summary>Creates the error.</summary>
        public NotFound(string code, string detail)
            : base(code, detail)
        {
        }
    }

    /// <summary>The request conflicts with what is already recorded (HTTP 409).</summary>
    public sealed record Conflict : Error
    {
        /// <summary>Creates the error.</summary>
        public Conflict(string code, string detail)
            : base(code, detail)
        {
        }
    }

    /// <summary>The request is over a size limit (HTTP 413).</summary>
    public sealed record TooLarge : Error
    {
        /// <summary>Creates the error.</summary>
        public TooLarge(string code, string detail)
            : base(code, detail)
        {
        }
    }

    /// <summary>The step is not allowed from the current state (HTTP 409).</summary>
    public sealed record InvalidTransition : Error
    {
        /// <summary>Creates the error.</summary>
        public InvalidTransition(string code, string detail)
            : base(code, detail)
        {
        }
    }
}
