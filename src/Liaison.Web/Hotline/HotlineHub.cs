using Liaison.Domain.Parties;
using Liaison.Web.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Liaison.Web.Hotline;

/// <summary>
/// Live hotline delivery at <see cref="HotlineLive.HubPath"/>. A signed-in connection (browser cookie or access token)
/// joins its party's group and receives <see cref="IHotlineClient.HotlineEntry"/> for every committed hotline entry
/// addressed to that party. Clients send nothing here: a delivery confirmation is a signed <c>message.delivered</c>
/// entry on <c>POST /api/v1/entries</c>, because every action is an entry by its author.
/// </summary>
public sealed class HotlineHub : Hub<IHotlineClient>
{
    /// <summary>The group of every connection of <paramref name="party"/>'s members.</summary>
    public static string GroupOf(PartyCode party) => "party:" + party.Value;

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.ToMember() is not { } member)
        {
            // The endpoint requires a signed-in user; a principal without a party is not one of the mechanism's members.
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(member.Party), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
