namespace Liaison.Features.Identity;

/// <summary>What a personal access token may do. A browser session holds every scope.</summary>
public static class TokenScopes
{
    public const string EntriesRead = "entries:read";
    public const string EntriesWrite = "entries:write";
    public const string KeysRead = "keys:read";
    public const string KeysWrite = "keys:write";
    public const string Tokens = "tokens";

    /// <summary>Every scope, in a stable order.</summary>
    public static readonly IReadOnlyList<string> All = [EntriesRead, EntriesWrite, KeysRead, KeysWrite, Tokens];

    /// <summary>The claim type that carries one scope.</summary>
    public const string ClaimType = "scope";
}
