using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Domain.Parties;

namespace Liaison.Domain.Mechanism;

/// <summary>
/// Turns a configuration document into a <see cref="MechanismConfig"/>, reporting every problem. Cross-references
/// (party and track codes) are checked against the codes a first pass finds, so their order in the file does not matter.
/// One instance per document; not thread-safe.
/// </summary>
internal sealed partial class MechanismConfigParser
{
    private static readonly (string Code, PartyKind Value)[] PartyKindChoices =
        [("party", PartyKind.Party), ("convener", PartyKind.Convener), ("observer", PartyKind.Observer)];

    private static readonly (string Code, ZoneKind Value)[] ZoneKindChoices = [.. ZoneKinds.All.Select(k => (k.Code(), k))];

    private readonly ConfigReader _reader;
    private readonly string? _baseDirectory;
    private readonly Dictionary<string, string> _firstUse = new(StringComparer.Ordinal);
    private readonly List<(PartyCode? Code, PartyKind Kind)> _partyKinds = [];
    private readonly List<(ChannelConfig Channel, string Path)> _channels = [];
    private readonly Dictionary<string, string> _capabilityTiers = new(StringComparer.Ordinal);
    private HashSet<PartyCode> _partyCodes = [];
    private HashSet<string> _trackCodes = new(StringComparer.Ordinal);
    private bool _partyKindsComplete = true;

    public MechanismConfigParser(string fileName, string? baseDirectory)
    {
        _reader = new ConfigReader(fileName);
        _baseDirectory = baseDirectory;
    }

    public IReadOnlyList<ConfigProblem> Problems => _reader.Problems;

    /// <summary>The configuration, or null when there is any problem (see <see cref="Problems"/>).</summary>
    public MechanismConfig? Parse(JsonElement root)
    {
        var o = _reader.Object(root, "$", "id", "name", "parties", "roles", "tracks", "channels", "deadlines", "zones", "commitments", "tierPolicy", "limits", "incidents");
        if (o is null)
        {
            return null;
        }

        _partyCodes = [.. CodesIn(root, "parties").Where(c => PartyCode.IsValid(c)).Select(c => new PartyCode(c))];
        _trackCodes = [.. CodesIn(root, "tracks")];

        o.Required<string>("id", _reader.Slug, out var id);
        o.Required<string>("name", _reader.Text, out var name);
        var partiesRead = o.Required("parties", _reader.ListOf<PartyConfig>(Party, minCount: 1), out var parties);
        if (root.TryGetProperty("parties", out var partiesElement) && partiesElement.ValueKind == JsonValueKind.Array)
        {
            CheckPartyKinds(o.PathOf("parties"));
        }

        var roles = RolesByKind(o);
        o.Required("tracks", _reader.ListOf<TrackConfig>(Track, minCount: 1), out var tracks);
        o.Required("channels", _reader.ListOf<ChannelConfig>(Channel, minCount: 1), out var channels);
        if (partiesRead)
        {
            CheckChannels(parties!);
        }

        var deadlines = o.Optional("deadlines", Deadlines, DeadlineConfig.Default);
        var zones = o.Optional("zones", _reader.ListOf<ZoneReference>(Zone), []);
        var commitments = o.Optional("commitments", _reader.ListOf<CommitmentReference>(Commitment), []);
        var tierPolicy = o.Optional("tierPolicy", TierPolicySection, TierPolicy.Default);
        var limits = o.Optional("limits", Limits, LimitsConfig.Default);
        var incidents = o.Optional("incidents", Incidents, IncidentsConfig.Default);

        if (Problems.Count > 0)
        {
            return null;
        }

        return new MechanismConfig
        {
            Id = id!,
            Name = name!,
            Parties = parties!,
            Roles = roles,
            Tracks = tracks!,
            Channels = channels!,
            Deadlines = deadlines,
            Zones = zones,
            Commitments = commitments,
            TierPolicy = tierPolicy,
            Limits = limits,
            Incidents = incidents,
        };
    }

    private static IEnumerable<string> CodesIn(JsonElement root, string arrayName)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(arrayName, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                yield return code.GetString()!;
            }
        }
    }

    /// <summary>Records the first use of a code; reports a later one.</summary>
    private bool Unique(string what, string code, string path)
    {
        if (_firstUse.TryAdd($"{what}\n{code}", path))
        {
            return true;
        }

        _reader.Report(path, $"duplicate {what} code '{code}'; first used at {_firstUse[$"{what}\n{code}"]}");
        return false;
    }

    private bool UniqueSlug(string what, JsonElement element, string path, [MaybeNullWhen(false)] out string code) =>
        _reader.Slug(element, path, out code) && Unique(what, code, path);

    // ---- parties

    private bool Party(JsonElement element, string path, [MaybeNullWhen(false)] out PartyConfig party)
    {
        party = null;
        var o = _reader.Object(element, path, "code", "name", "kind", "mayAddress", "languages");
        if (o is null)
        {
            _partyKindsComplete = false;
            return false;
        }

        var ok = o.Required<PartyCode>("code", NewPartyCode, out var code);
        ok &= o.Required<string>("name", _reader.Text, out var name);
        if (o.Required("kind", _reader.ChoiceOf(PartyKindChoices), out var kind))
        {
            _partyKinds.Add((ok ? code : null, kind));
        }
        else
        {
            _partyKindsComplete = false;
            ok = false;
        }

        ok &= o.Required("mayAddress", _reader.ListOf<PartyCode>(KnownParty, distinct: true), out var mayAddress);
        ok &= o.Required("languages", _reader.ListOf<string>(Language, minCount: 1, distinct: true), out var languages);
        if (ok)
        {
            party = new PartyConfig(code, name!, kind, mayAddress!, languages!);
        }

        return ok;
    }

    private bool NewPartyCode(JsonElement element, string path, out PartyCode code) =>
        _reader.PartyCodeFormat(element, path, out code) && Unique("party", code.Value, path);

    private bool KnownParty(JsonElement element, string path, out PartyCode code)
    {
        if (!_reader.PartyCodeFormat(element, path, out code))
        {
            return false;
        }

        if (!_partyCodes.Contains(code))
        {
            _reader.Report(path, $"unknown party '{code}'; the parties are {Listing(_partyCodes.Select(c => c.Value))}");
            return false;
        }

        return true;
    }

    private bool Language(JsonElement element, string path, [MaybeNullWhen(false)] out string language)
    {
        if (!_reader.Text(element, path, out language))
        {
            return false;
        }

        if (!LanguageTag().IsMatch(language))
        {
            _reader.Report(path, $"'{language}' is not a BCP 47 language tag such as 'he', 'ar' or 'en'");
            language = null;
            return false;
        }

        return true;
    }

    private void CheckPartyKinds(string path)
    {
        if (!_partyKindsComplete)
        {
            return;
        }

        var conveners = _partyKinds.Where(p => p.Kind == PartyKind.Convener).ToList();
        if (conveners.Count != 1)
        {
            var named = conveners.Count > 1 ? $" ({Listing(conveners.Select(c => c.Code?.Value ?? "?"))})" : string.Empty;
            _reader.Report(path, $"needs exactly one party of kind 'convener', found {conveners.Count}{named}");
        }

        var parties = _partyKinds.Count(p => p.Kind == PartyKind.Party);
        if (parties < 2)
        {
            _reader.Report(path, $"needs at least two parties of kind 'party', found {parties}");
        }
    }

    // ---- roles

    private IReadOnlyDictionary<PartyKind, IReadOnlyList<Role>> RolesByKind(JsonObjectReader root)
    {
        var byKind = PartyKindChoices.ToDictionary(k => k.Value, k => Roles.AllowedFor(k.Value));
        if (!root.Has("roles"))
        {
            return byKind.AsReadOnly();
        }

        if (root.Required<JsonObjectReader>("roles", (JsonElement element, string path, [MaybeNullWhen(false)] out JsonObjectReader value) => (value = _reader.Object(element, path, [.. PartyKindChoices.Select(k => k.Code)])) is not null, out var o))
        {
            foreach (var (code, kind) in PartyKindChoices)
            {
                if (o.Optional(code, _reader.ListOf<Role>((JsonElement e, string p, out Role r) => RoleFor(kind, e, p, out r), minCount: 1, distinct: true), out var roles))
                {
                    byKind[kind] = roles;
                }
            }
        }

        return byKind.AsReadOnly();
    }

    private bool RoleFor(PartyKind kind, JsonElement element, string path, out Role role)
    {
        role = default;
        if (!_reader.Text(element, path, out var text))
        {
            return false;
        }

        if (!Roles.TryParse(text, out role))
        {
            _reader.Report(path, $"'{text}' is not a role; expected one of: {Listing(Enum.GetValues<Role>().Select(r => r.Code()))}");
            return false;
        }

        var allowed = Roles.AllowedFor(kind);
        if (!allowed.Contains(role))
        {
            _reader.Report(path, $"role '{role.Code()}' is not allowed for kind '{KindCode(kind)}'; allowed: {Listing(allowed.Select(r => r.Code()))}");
            return false;
        }

        return true;
    }

    private static string KindCode(PartyKind kind) => PartyKindChoices.First(k => k.Value == kind).Code;

    // ---- tracks and channels

    private bool Track(JsonElement element, string path, [MaybeNullWhen(false)] out TrackConfig track)
    {
        track = null;
        var o = _reader.Object(element, path, "code", "name");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => UniqueSlug("track", e, p, out c), out var code);
        ok &= o.Required<string>("name", _reader.Text, out var name);
        if (ok)
        {
            track = new TrackConfig(code!, name!);
        }

        return ok;
    }

    private bool Channel(JsonElement element, string path, [MaybeNullWhen(false)] out ChannelConfig channel)
    {
        channel = null;
        var o = _reader.Object(element, path, "code", "track", "parties", "observers");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => UniqueSlug("channel", e, p, out c), out var code);
        ok &= o.Required<string>("track", KnownTrack, out var track);
        ok &= o.Required("parties", _reader.ListOf<PartyCode>(KnownParty, minCount: 2, distinct: true), out var parties);
        IReadOnlyList<PartyCode> observers = [];
        if (o.Has("observers"))
        {
            ok &= o.Optional("observers", _reader.ListOf<PartyCode>(KnownParty, distinct: true), out observers!);
        }

        if (!ok)
        {
            return false;
        }

        for (var i = 0; i < observers.Count; i++)
        {
            if (parties!.Contains(observers[i]))
            {
                _reader.Report(ConfigReader.Index(o.PathOf("observers"), i), $"'{observers[i]}' is already a party of this channel");
                ok = false;
            }
        }

        if (ok)
        {
            channel = new ChannelConfig(code!, track!, parties!, observers);
            _channels.Add((channel, path));
        }

        return ok;
    }

    private bool KnownTrack(JsonElement element, string path, [MaybeNullWhen(false)] out string track)
    {
        if (!_reader.Text(element, path, out track))
        {
            return false;
        }

        if (!_trackCodes.Contains(track))
        {
            _reader.Report(path, $"unknown track '{track}'; the tracks are {Listing(_trackCodes)}");
            track = null;
            return false;
        }

        return true;
    }

    /// <summary>The convener reads every channel, and every channel party may address everyone who reads it.</summary>
    private void CheckChannels(IReadOnlyList<PartyConfig> parties)
    {
        var conveners = parties.Where(p => p.Kind == PartyKind.Convener).ToList();
        foreach (var (channel, path) in _channels)
        {
            if (conveners.Count == 1 && !channel.MayRead(conveners[0].Code))
            {
                _reader.Report(ConfigReader.Child(path, "observers"), $"the convener '{conveners[0].Code}' must be a party or an observer of every channel");
            }

            foreach (var talker in channel.Parties)
            {
                if (parties.FirstOrDefault(p => p.Code == talker) is not { } party)
                {
                    continue;
                }

                foreach (var reader in channel.Members.Where(m => !party.CanAddress(m)))
                {
                    var list = channel.Observers.Contains(reader) ? "observers" : "parties";
                    _reader.Report(ConfigReader.Child(path, list), $"'{talker}' may not address '{reader}' (see its mayAddress), yet '{reader}' reads this channel");
                }
            }
        }
    }

    // ---- deadlines

    private bool Deadlines(JsonElement element, string path, [MaybeNullWhen(false)] out DeadlineConfig deadlines)
    {
        deadlines = null;
        var o = _reader.Object(
            element,
            path,
            "acknowledgement",
            "explanationReply",
            "incidentAcknowledgement",
            "incidentReview",
            "incidentFinding",
            "disputeReply",
            "verificationCadence",
            "onDemandVerification",
            "linkTestInterval",
            "selfDefenceGrace",
            "noticeLeadTimes");
        if (o is null)
        {
            return false;
        }

        var defaults = DeadlineConfig.Default;
        deadlines = new DeadlineConfig
        {
            Acknowledgement = o.Optional("acknowledgement", Acknowledgement, defaults.Acknowledgement),
            ExplanationReply = o.Optional<TimeSpan>("explanationReply", _reader.Duration, defaults.ExplanationReply),
            IncidentAcknowledgement = o.Optional<TimeSpan>("incidentAcknowledgement", _reader.Duration, defaults.IncidentAcknowledgement),
            IncidentReview = o.Optional<TimeSpan>("incidentReview", _reader.Duration, defaults.IncidentReview),
            IncidentFinding = o.Optional<TimeSpan>("incidentFinding", _reader.Duration, defaults.IncidentFinding),
            DisputeReply = o.Optional<TimeSpan>("disputeReply", _reader.Duration, defaults.DisputeReply),
            VerificationCadence = o.Optional<TimeSpan>("verificationCadence", _reader.Duration, defaults.VerificationCadence),
            OnDemandVerification = o.Optional<TimeSpan>("onDemandVerification", _reader.Duration, defaults.OnDemandVerification),
            LinkTestInterval = o.Optional<TimeSpan>("linkTestInterval", _reader.Duration, defaults.LinkTestInterval),
            SelfDefenceGrace = o.Optional<TimeSpan>("selfDefenceGrace", _reader.Duration, defaults.SelfDefenceGrace),
            NoticeLeadTimes = o.Optional("noticeLeadTimes", _reader.ListOf<NoticeLeadTime>(LeadTime), defaults.NoticeLeadTimes),
        };
        return true;
    }

    private bool Acknowledgement(JsonElement element, string path, [MaybeNullWhen(false)] out AcknowledgementDeadlines deadlines)
    {
        deadlines = null;
        string[] names = ["flash", "immediate", "priority", "routine"];
        var o = _reader.Object(element, path, names);
        if (o is null)
        {
            return false;
        }

        var defaults = AcknowledgementDeadlines.Default;
        TimeSpan[] fallbacks = [defaults.Flash, defaults.Immediate, defaults.Priority, defaults.Routine];
        var values = new TimeSpan[names.Length];
        var allRead = true;
        for (var i = 0; i < names.Length; i++)
        {
            if (o.Has(names[i]))
            {
                allRead &= o.Optional(names[i], _reader.Duration, out values[i]);
            }
            else
            {
                values[i] = fallbacks[i];
            }
        }

        for (var i = 1; allRead && i < names.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                _reader.Report(
                    o.PathOf(names[i]),
                    $"{IsoDuration.Format(values[i])} is shorter than '{names[i - 1]}' ({IsoDuration.Format(values[i - 1])}); a lower precedence must not have a tighter deadline");
                allRead = false;
            }
        }

        deadlines = new AcknowledgementDeadlines { Flash = values[0], Immediate = values[1], Priority = values[2], Routine = values[3] };
        return allRead;
    }

    private bool LeadTime(JsonElement element, string path, [MaybeNullWhen(false)] out NoticeLeadTime leadTime)
    {
        leadTime = null;
        var o = _reader.Object(element, path, "code", "activities", "zoneKind", "withinKm", "lead");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => UniqueSlug("notice lead time", e, p, out c), out var code);
        ok &= o.Required("activities", _reader.ListOf<string>(_reader.Slug, minCount: 1, distinct: true), out var activities);
        ZoneKind? zoneKind = null;
        if (o.Has("zoneKind"))
        {
            ok &= o.Optional("zoneKind", _reader.ChoiceOf(ZoneKindChoices), out var kind);
            zoneKind = kind;
        }

        double? withinKm = null;
        if (o.Has("withinKm"))
        {
            ok &= o.Optional("withinKm", (JsonElement e, string p, out double km) => _reader.Number(e, p, 0, 1000, out km), out var km);
            withinKm = km;
            if (!o.Has("zoneKind"))
            {
                _reader.Report(o.PathOf("withinKm"), "needs 'zoneKind': the distance is measured from zones of that kind");
                ok = false;
            }
        }

        ok &= o.Required<TimeSpan>("lead", _reader.Duration, out var lead);
        if (ok)
        {
            leadTime = new NoticeLeadTime(code!, activities!, zoneKind, withinKm, lead);
        }

        return ok;
    }

    // ---- zones

    private bool Zone(JsonElement element, string path, [MaybeNullWhen(false)] out ZoneReference zone)
    {
        zone = null;
        var o = _reader.Object(element, path, "code", "name", "kind", "source", "rules", "attribution");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => UniqueSlug("zone", e, p, out c), out var code);
        ok &= o.Required<string>("name", _reader.Text, out var name);
        ok &= o.Required("kind", _reader.ChoiceOf(ZoneKindChoices), out var kind);
        ok &= o.Required<(string Relative, string? Full)>("source", ZoneSource, out var source);
        var rules = ZoneRules.None;
        if (o.Has("rules"))
        {
            ok &= o.Optional("rules", Rules, out rules!);
        }

        string? attribution = null;
        if (o.Has("attribution"))
        {
            ok &= o.Optional<string>("attribution", _reader.Text, out attribution);
        }

        if (ok)
        {
            zone = new ZoneReference(code!, name!, kind, source.Relative, source.Full, rules, attribution);
        }

        return ok;
    }

    private bool ZoneSource(JsonElement element, string path, out (string Relative, string? Full) source)
    {
        source = default;
        if (!_reader.Text(element, path, out var relative))
        {
            return false;
        }

        if (relative.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal))
        {
            _reader.Report(path, $"'{relative}' must be a path relative to the configuration file, with '/' between folders");
            return false;
        }

        if (relative.Split('/').Contains("..", StringComparer.Ordinal))
        {
            _reader.Report(path, $"'{relative}' must stay inside the configuration file's folder (no '..'), so the folder can be copied as a whole");
            return false;
        }

        string? full = null;
        if (_baseDirectory is not null)
        {
            full = Path.GetFullPath(Path.Combine(_baseDirectory, relative));
            if (!File.Exists(full))
            {
                _reader.Report(path, $"zone file '{relative}' not found (looked for {full})");
                return false;
            }
        }

        source = (relative, full);
        return true;
    }

    private bool Rules(JsonElement element, string path, [MaybeNullWhen(false)] out ZoneRules rules)
    {
        rules = null;
        var o = _reader.Object(element, path, "maxTroops", "maxTanks", "maxArtillery", "bannedAssetClasses", "depthBandKm");
        if (o is null)
        {
            return false;
        }

        var ok = true;
        int? Count(string name)
        {
            if (!o.Has(name))
            {
                return null;
            }

            ok &= o.Optional(name, (JsonElement e, string p, out int n) => _reader.Integer(e, p, 0, int.MaxValue, out n), out var count);
            return count;
        }

        var troops = Count("maxTroops");
        var tanks = Count("maxTanks");
        var artillery = Count("maxArtillery");
        IReadOnlyList<string> banned = [];
        if (o.Has("bannedAssetClasses"))
        {
            ok &= o.Optional("bannedAssetClasses", _reader.ListOf<string>(_reader.Slug, distinct: true), out banned!);
        }

        DepthBand? band = null;
        if (o.Has("depthBandKm"))
        {
            ok &= o.Optional<DepthBand>("depthBandKm", Band, out var read);
            band = read;
        }

        if (ok)
        {
            rules = new ZoneRules(troops, tanks, artillery, banned, band);
        }

        return ok;
    }

    private bool Band(JsonElement element, string path, out DepthBand band)
    {
        band = default;
        var o = _reader.Object(element, path, "from", "to");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required<double>("from", Kilometres, out var from);
        ok &= o.Required<double>("to", Kilometres, out var to);
        if (ok && to <= from)
        {
            _reader.Report(o.PathOf("to"), $"must be greater than 'from' ({from} km)");
            ok = false;
        }

        if (ok)
        {
            band = new DepthBand(from, to);
        }

        return ok;
    }

    private bool Kilometres(JsonElement element, string path, out double km) => _reader.Number(element, path, 0, 10_000, out km);

    // ---- commitments

    private bool Commitment(JsonElement element, string path, [MaybeNullWhen(false)] out CommitmentReference commitment)
    {
        commitment = null;
        var o = _reader.Object(element, path, "code", "party", "title", "indicators", "reportingPeriod");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => UniqueSlug("commitment", e, p, out c), out var code);
        ok &= o.Required<PartyCode>("party", KnownParty, out var party);
        ok &= o.Required<string>("title", _reader.Text, out var title);
        ok &= o.Required("indicators", _reader.ListOf<string>(_reader.Text, minCount: 1, distinct: true), out var indicators);
        ok &= o.Required<TimeSpan>("reportingPeriod", _reader.Duration, out var period);
        if (ok)
        {
            commitment = new CommitmentReference(code!, party, title!, indicators!, period);
        }

        return ok;
    }

    // ---- tiers

    private bool TierPolicySection(JsonElement element, string path, [MaybeNullWhen(false)] out TierPolicy policy)
    {
        policy = null;
        var o = _reader.Object(element, path, "tiers", "startingTier", "promotion");
        if (o is null)
        {
            return false;
        }

        var defaults = TierPolicy.Default;
        var tiers = defaults.Tiers;
        var tiersRead = true;
        if (o.Has("tiers"))
        {
            tiersRead = o.Optional("tiers", _reader.ListOf<TierConfig>(Tier, minCount: 1), out tiers!);
        }

        var starting = tiers.Count > 0 ? tiers[0].Code : defaults.StartingTier;
        var startingRead = true;
        if (o.Has("startingTier"))
        {
            startingRead = o.Optional<string>("startingTier", _reader.Text, out starting!);
            if (startingRead && tiersRead && !tiers.Any(t => string.Equals(t.Code, starting, StringComparison.Ordinal)))
            {
                _reader.Report(o.PathOf("startingTier"), $"unknown tier '{starting}'; the tiers are {Listing(tiers.Select(t => t.Code))}");
                startingRead = false;
            }
        }

        var promotion = o.Optional("promotion", Promotion, defaults.Promotion);
        policy = new TierPolicy(tiers, starting, promotion);
        return tiersRead && startingRead;
    }

    private bool Tier(JsonElement element, string path, [MaybeNullWhen(false)] out TierConfig tier)
    {
        tier = null;
        var o = _reader.Object(element, path, "code", "name", "capabilities");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => _reader.Text(e, p, out c) && Unique("tier", c, p), out var code);
        ok &= o.Required<string>("name", _reader.Text, out var name);
        ok &= o.Required("capabilities", _reader.ListOf<string>(_reader.Slug, distinct: true), out var capabilities);
        if (!ok)
        {
            return false;
        }

        for (var i = 0; i < capabilities!.Count; i++)
        {
            if (!_capabilityTiers.TryAdd(capabilities[i], code!))
            {
                _reader.Report(ConfigReader.Index(o.PathOf("capabilities"), i), $"'{capabilities[i]}' is already granted by tier '{_capabilityTiers[capabilities[i]]}'");
                ok = false;
            }
        }

        if (ok)
        {
            tier = new TierConfig(code!, name!, capabilities);
        }

        return ok;
    }

    private bool Promotion(JsonElement element, string path, [MaybeNullWhen(false)] out PromotionRule rule)
    {
        rule = null;
        var o = _reader.Object(
            element,
            path,
            "minCompositeCompliance",
            "periods",
            "periodLength",
            "noMajorViolationWindow",
            "convenerAttestationRequired",
            "consentOfEachPartyRequired");
        if (o is null)
        {
            return false;
        }

        var defaults = PromotionRule.Default;
        rule = new PromotionRule
        {
            MinCompositeCompliance = o.Optional("minCompositeCompliance", (JsonElement e, string p, out double v) => _reader.Number(e, p, 0, 1, out v), defaults.MinCompositeCompliance),
            Periods = o.Optional("periods", (JsonElement e, string p, out int v) => _reader.Integer(e, p, 1, 1000, out v), defaults.Periods),
            PeriodLength = o.Optional<TimeSpan>("periodLength", _reader.Duration, defaults.PeriodLength),
            NoMajorViolationWindow = o.Optional<TimeSpan>("noMajorViolationWindow", _reader.Duration, defaults.NoMajorViolationWindow),
            ConvenerAttestationRequired = o.Optional("convenerAttestationRequired", _reader.Boolean, defaults.ConvenerAttestationRequired),
            ConsentOfEachPartyRequired = o.Optional("consentOfEachPartyRequired", _reader.Boolean, defaults.ConsentOfEachPartyRequired),
        };
        return true;
    }

    // ---- incidents

    private bool Incidents(JsonElement element, string path, [MaybeNullWhen(false)] out IncidentsConfig incidents)
    {
        incidents = null;
        var o = _reader.Object(element, path, "categories", "actors", "duplicateWithinKm", "duplicateWithinHours");
        if (o is null)
        {
            return false;
        }

        var defaults = IncidentsConfig.Default;
        var ok = true;
        var categories = defaults.Categories;
        if (o.Has("categories"))
        {
            ok &= o.Optional("categories", _reader.ListOf<VocabularyTerm>((JsonElement e, string p, [MaybeNullWhen(false)] out VocabularyTerm t) => Term("incident category", e, p, out t), minCount: 1), out categories!);
        }

        var actors = defaults.Actors;
        if (o.Has("actors"))
        {
            ok &= o.Optional("actors", _reader.ListOf<VocabularyTerm>((JsonElement e, string p, [MaybeNullWhen(false)] out VocabularyTerm t) => Term("incident actor", e, p, out t), minCount: 1), out actors!);
        }

        incidents = new IncidentsConfig
        {
            Categories = categories,
            Actors = actors,
            DuplicateWithinKm = o.Optional("duplicateWithinKm", (JsonElement e, string p, out double v) => _reader.Number(e, p, 0, 1000, out v), defaults.DuplicateWithinKm),
            DuplicateWithinHours = o.Optional("duplicateWithinHours", (JsonElement e, string p, out double v) => _reader.Number(e, p, 0, 24 * 365, out v), defaults.DuplicateWithinHours),
        };
        return ok;
    }

    private bool Term(string what, JsonElement element, string path, [MaybeNullWhen(false)] out VocabularyTerm term)
    {
        term = null;
        var o = _reader.Object(element, path, "code", "name");
        if (o is null)
        {
            return false;
        }

        var ok = o.Required("code", (JsonElement e, string p, [MaybeNullWhen(false)] out string c) => UniqueSlug(what, e, p, out c), out var code);
        ok &= o.Required<string>("name", _reader.Text, out var name);
        if (ok)
        {
            term = new VocabularyTerm(code!, name!);
        }

        return ok;
    }

    // ---- limits

    private bool Limits(JsonElement element, string path, [MaybeNullWhen(false)] out LimitsConfig limits)
    {
        limits = null;
        var o = _reader.Object(element, path, "maxPayloadBytes", "maxClockSkew", "maxForwardDelay", "maxAttachmentBytes", "maxNoticeWindow");
        if (o is null)
        {
            return false;
        }

        var defaults = LimitsConfig.Default;
        limits = new LimitsConfig(
            o.Optional("maxPayloadBytes", (JsonElement e, string p, out int v) => _reader.Integer(e, p, 1, int.MaxValue, out v), defaults.MaxPayloadBytes),
            o.Optional<TimeSpan>("maxClockSkew", _reader.Duration, defaults.MaxClockSkew))
        {
            MaxForwardDelay = o.Optional<TimeSpan>("maxForwardDelay", _reader.Duration, defaults.MaxForwardDelay),
            MaxAttachmentBytes = o.Optional("maxAttachmentBytes", (JsonElement e, string p, out int v) => _reader.Integer(e, p, 1, int.MaxValue, out v), defaults.MaxAttachmentBytes),
            MaxNoticeWindow = o.Optional<TimeSpan>("maxNoticeWindow", _reader.Duration, defaults.MaxNoticeWindow),
        };
        return true;
    }

    private static string Listing(IEnumerable<string> codes) => string.Join(", ", codes);

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
