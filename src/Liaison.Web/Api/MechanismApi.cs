using System.Security.Claims;
using Liaison.Domain.Parties;
using Liaison.Features.Identity;
using Liaison.Features.Mechanism;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Web.Api;

/// <summary>A party as the API describes it.</summary>
public sealed record PartyView(string Code, string Name, string Kind, IReadOnlyList<string> MayAddress, IReadOnlyList<string> Roles);

/// <summary>A channel as the API describes it.</summary>
public sealed record ChannelView(string Code, string Track, IReadOnlyList<string> Parties, IReadOnlyList<string> Observers);

/// <summary>The mechanism's public description: who takes part, on which tracks and channels, under which limits.</summary>
public sealed record MechanismView(string Id, string Name, string ConfigSha256, IReadOnlyList<PartyView> Parties, IReadOnlyList<string> Tracks, IReadOnlyList<ChannelView> Channels, int MaxPayloadBytes, double MaxClockSkewSeconds);

/// <summary>Who the caller is.</summary>
public sealed record MeView(string UserName, string Party, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

/// <summary>The mechanism's description and the caller's identity.</summary>
public static class MechanismApi
{
    public static IEndpointRouteBuilder MapMechanismEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/mechanism", GetMechanism).WithTags("Mechanism").WithName("GetMechanism").WithSummary("The mechanism: parties, roles, tracks, channels, limits").RequireAuthorization();
        routes.MapGet("/api/v1/me", GetMe).WithTags("Mechanism").WithName("GetMe").WithSummary("Who you are signed in as").RequireAuthorization();
        return routes;
    }

    private static Ok<MechanismView> GetMechanism(ServedMechanism mechanism)
    {
        var config = mechanism.Config;
        return TypedResults.Ok(new MechanismView(
            config.Id,
            config.Name,
            mechanism.ConfigSha256,
            config.Parties.Select(p => new PartyView(p.Code.Value, p.Name, p.Kind.ToString().ToLowerInvariant(), p.MayAddress.Select(c => c.Value).ToList(), config.RolesFor(p.Kind).Select(r => r.Code()).ToList())).ToList(),
            config.Tracks.Select(t => t.Code).ToList(),
            config.Channels.Select(c => new ChannelView(c.Code, c.Track, c.Parties.Select(p => p.Value).ToList(), c.Observers.Select(p => p.Value).ToList())).ToList(),
            config.Limits.MaxPayloadBytes,
            config.Limits.MaxClockSkew.TotalSeconds));
    }

    private static Ok<MeView> GetMe(ClaimsPrincipal user)
    {
        var member = user.ToMember()!;
        var scopes = user.Identity?.AuthenticationType == TokenAuthenticationHandler.SchemeName
            ? user.FindAll(TokenScopes.ClaimType).Select(c => c.Value).ToList()
            : TokenScopes.All;
        return TypedResults.Ok(new MeView(member.UserName, member.Party.Value, member.Roles.Select(r => r.Code()).Order(StringComparer.Ordinal).ToList(), scopes));
    }
}
