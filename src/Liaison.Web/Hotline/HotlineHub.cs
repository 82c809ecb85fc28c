using Liaison.Web.Hosting;

namespace Liaison.Web.Hotline;

/// <summary>
/// Live hotline delivery at <see cref="HotlineLive.HubPath"/>. A signed-in connection (browser cookie or access token)
/// joins its party's group and receives <see cref="IHotlineClient.HotlineEntry"/> for every committed hotline entry
/// addressed to that party. Clients send nothing here: a delivery confirmation is a signed <c>message.delivered</c>
/// entry on <c>POST /api/v1/entries</c>, because every action is an entry by its author.
/// </summary>
public sealed class HotlineHub : PartyHub<IHotlineClient>;
