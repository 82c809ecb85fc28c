using Liaison.Domain.Parties;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Hosting;

/// <summary>
/// A hub whose connections each join their party's group (<see cref="GroupOf"/>), so the server pushes an entry only to
/// the parties in its audience. A principal without a party is not one of the mechanism's members and is disconnected.
/// </summary>
public abstract class PartyHub<TClient> : Hub<TClient>
    where TClient : class
{
    /// <summary>The group of every connection of <paramref name="party"/>'s members.</summary>
    public static string GroupOf(PartyCode party) => "party:" + party.Value;

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.ToMember() is not { } member)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(member.Party), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
