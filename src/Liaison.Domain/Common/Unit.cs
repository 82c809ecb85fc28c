namespace Liaison.Domain.Common;

/// <summary>The value of a step that succeeds with nothing to return.</summary>
public readonly record struct Unit
{
    /// <summary>The only value.</summary>
    public static Unit Value => default;
}
