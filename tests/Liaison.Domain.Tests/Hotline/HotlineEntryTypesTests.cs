using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;
using Liaison.Domain.Tests.Entries;

namespace Liaison.Domain.Tests.Hotline;

public sealed class HotlineEntryTypesTests
{
    private static readonly string[] HotlineNames =
    [
        "channel.resume", "channel.suspend", "hotline.escalate", "hotline.miss", "linktest.answer", "linktest.send",
        "message.ack", "message.delivered", "message.send", "message.translate",
    ];

    [Fact]
    public void All_HotlineTypes_AreTheTenNamedOnes()
    {
        var names = HotlineEntryTypes.All.Keys.Order(StringComparer.Ordinal);

        Assert.Equal(HotlineNames, names);
        Assert.All(HotlineEntryTypes.All, pair => Assert.Equal(pair.Key, pair.Value.Name));
    }

    [Fact]
    public void EntryTypes_HotlineTypes_AreRegisteredAsTheSameTypes()
    {
        Assert.All(HotlineNames, name =>
        {
            Assert.True(EntryTypes.TryGet(name, out var type), name);
            Assert.Same(HotlineEntryTypes.All[name], type);
        });
    }

    [Theory]
    [InlineData("message.send", "commander,duty-officer,liaison-officer,mediator")]
    [InlineData("message.ack", "commander,duty-officer,liaison-officer")]
    [InlineData("message.delivered", "analyst,commander,duty-officer,liaison-officer")]
    [InlineData("message.translate", "analyst,commander,duty-officer,liaison-officer,mediator")]
    [InlineData("channel.suspend", "commander")]
    [InlineData("channel.resume", "commander")]
    [InlineData("linktest.answer", "analyst,commander,duty-officer,liaison-officer")]
    [InlineData("hotline.escalate", "")]
    [InlineData("hotline.miss", "")]
    [InlineData("linktest.send", "")]
    public void AuthorRoles_EachType_AreTheChosenRoles(string name, string roles)
    {
        var type = HotlineEntryTypes.All[name];

        Assert.Equal(roles, string.Join(',', type.AuthorRoles.Select(r => r.Code()).Order(StringComparer.Ordinal)));
        Assert.Equal(roles.Length > 0, type.IsUserAuthored);
        Assert.False(type.AddressedToAll);
    }

    [Fact]
    public void AuthorRoles_Observer_AuthorsNoHotlineEntry()
    {
        var authored = HotlineEntryTypes.All.Values.Where(t => t.AuthorRoles.Contains(Role.Observer));

        Assert.Empty(authored);
    }

    [Fact]
    public void AuthorRoles_Mediator_SendsButNeverAcknowledges()
    {
        Assert.Contains(Role.Mediator, HotlineEntryTypes.All[HotlineEntryTypes.MessageSend].AuthorRoles);
        Assert.DoesNotContain(Role.Mediator, HotlineEntryTypes.All[HotlineEntryTypes.MessageAck].AuthorRoles);
        Assert.DoesNotContain(Role.Mediator, HotlineEntryTypes.All[HotlineEntryTypes.MessageDelivered].AuthorRoles);
    }

    [Theory]
    [InlineData("isr-officer", "ISR", Role.LiaisonOfficer, null)]
    [InlineData("isr-duty", "ISR", Role.DutyOfficer, null)]
    [InlineData("isr-commander", "ISR", Role.Commander, null)]
    [InlineData("usa-mediator", "USA", Role.Mediator, null)]
    [InlineData("isr-analyst", "ISR", Role.Analyst, "role-forbidden")]
    [InlineData("undof-observer", "UNDOF", Role.Observer, "role-forbidden")]
    [InlineData("usa-admin", "USA", Role.Administrator, "role-forbidden")]
    public void CheckPayload_MessageSendByRole_IsAdmittedOnlyForSenders(string userName, string party, Role role, string? expectedCode)
    {
        var header = TestPayloads.Header(HotlineEntryTypes.MessageSend, HotlineTestData.SendFields(), userName, ["ISR", "SYR", "USA", "UNDOF"]);

        var result = EntryAdmission.CheckPayload(header, TestPayloads.MemberWith(userName, party, role), HotlineTestData.Config, HotlineTestData.T0);

        Assert.Equal(expectedCode, result.IsSuccess ? null : result.Error.Code);
    }

    [Theory]
    [InlineData("hotline.escalate")]
    [InlineData("hotline.miss")]
    [InlineData("linktest.send")]
    public void CheckPayload_ServerMadeType_IsRefusedFromEveryUser(string type)
    {
        var header = TestPayloads.Header(type, new JsonObject { ["messageSeq"] = 1, ["party"] = "SYR", ["deadline"] = "acknowledgement", ["reason"] = "late", ["channel"] = HotlineTestData.Security }, "isr-all");
        var everyRole = TestPayloads.MemberWith("isr-all", "ISR", Enum.GetValues<Role>());

        var result = EntryAdmission.CheckPayload(header, everyRole, HotlineTestData.Config, HotlineTestData.T0);

        Assert.Equal("role-forbidden", TestPayloads.ErrorOf(result).Code);
    }

    [Theory]
    [InlineData(MessageTemplate.FreeText)]
    [InlineData(MessageTemplate.Notification)]
    [InlineData(MessageTemplate.RequestForExplanation)]
    [InlineData(MessageTemplate.Complaint)]
    [InlineData(MessageTemplate.Reply)]
    public void ParseSend_ValidTemplate_ReadsEveryField(MessageTemplate template)
    {
        var result = HotlineEvents.ParseSend(TestPayloads.Body(HotlineTestData.SendFields(template)));

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
        var sent = result.Value;
        Assert.Equal(template, sent.Template);
        Assert.Equal(HotlineTestData.Security, sent.Channel);
        Assert.Equal(Precedence.Flash, sent.Precedence);
        Assert.Equal("إطلاق نار قرب السويداء", sent.Subject);
        Assert.Equal("ar", sent.Lang);
        Assert.Equal(template == MessageTemplate.Reply ? 12 : null, sent.InReplyTo);
        Assert.Empty(sent.Attachments);
    }

    [Fact]
    public void ParseSend_Notification_ReadsItsCodedFieldsAndWindowWithOffsets()
    {
        var result = HotlineEvents.ParseSend(TestPayloads.Body(HotlineTestData.SendFields(MessageTemplate.Notification)));

        var coded = Assert.IsType<TemplateFields.Notification>(result.Value.Coded);
        Assert.Equal("live-fire", coded.Activity);
        Assert.Equal("Range north of Quneitra", coded.Location);
        Assert.Equal(new DateTimeOffset(2026, 1, 7, 6, 0, 0, TimeSpan.Zero), coded.Window.Start);
        Assert.Equal(new DateTimeOffset(2026, 1, 7, 8, 0, 0, TimeSpan.Zero), coded.Window.End);
        Assert.Equal(TimeSpan.FromHours(2), coded.Window.End.Offset);
    }

    [Fact]
    public void ParseSend_HebrewText_IsKeptExactlyAsWritten()
    {
        var fields = HotlineTestData.SendFields();
        fields["subject"] = "ירי ליד סווידא";
        fields["body"] = "אנו מזהים ירי. נא לאשר קבלה\u200F.";
        fields["lang"] = "he";

        var result = HotlineEvents.ParseSend(TestPayloads.Body(fields));

        Assert.Equal("ירי ליד סווידא", result.Value.Subject);
        Assert.Equal("אנו מזהים ירי. נא לאשר קבלה\u200F.", result.Value.Body);
    }

    [Fact]
    public void ParseSend_Attachments_AreReadInOrder()
    {
        var fields = HotlineTestData.SendFields();
        fields["attachments"] = new JsonArray(HotlineTestData.AttachmentFields('a'), HotlineTestData.AttachmentFields('b'));

        var result = HotlineEvents.ParseSend(TestPayloads.Body(fields));

        Assert.Equal([new string('a', 64), new string('b', 64)], result.Value.Attachments.Select(a => a.Sha256));
        Assert.Equal(2048, result.Value.Attachments[0].Size);
    }

    /// <summary>A template, one field to change (path into the body; a new JSON value, or null to remove it), and the field the error must name (null: valid).</summary>
    public static TheoryData<MessageTemplate, string, string?, string?> SendCases
    {
        get
        {
            var s = (int n) => $"\"{new string('x', n)}\"";
            var attachment = (string name, string? value) =>
            {
                var item = HotlineTestData.AttachmentFields();
                if (value is null)
                {
                    item.Remove(name);
                }
                else
                {
                    item[name] = JsonNode.Parse(value);
                }

                return new JsonArray(item).ToJsonString();
            };
            return new()
            {
                // Common fields.
                { MessageTemplate.FreeText, "channel", null, "channel" },
                { MessageTemplate.FreeText, "channel", "\"\"", "channel" },
                { MessageTemplate.FreeText, "channel", "7", "channel" },
                { MessageTemplate.FreeText, "channel", s(101), "channel" },
                { MessageTemplate.FreeText, "precedence", null, "precedence" },
                { MessageTemplate.FreeText, "precedence", "\"flash\"", "precedence" },
                { MessageTemplate.FreeText, "precedence", "\"URGENT\"", "precedence" },
                { MessageTemplate.FreeText, "precedence", "0", "precedence" },
                { MessageTemplate.FreeText, "precedence", "\"ROUTINE\"", null },
                { MessageTemplate.FreeText, "template", null, "template" },
                { MessageTemplate.FreeText, "template", "\"free_text\"", "template" },
                { MessageTemplate.FreeText, "template", "\"Notification\"", "template" },
                { MessageTemplate.FreeText, "subject", null, "subject" },
                { MessageTemplate.FreeText, "subject", "\"  \"", "subject" },
                { MessageTemplate.FreeText, "subject", s(300), null },
                { MessageTemplate.FreeText, "subject", s(301), "subject" },
                { MessageTemplate.FreeText, "body", null, "body" },
                { MessageTemplate.FreeText, "body", s(100_000), null },
                { MessageTemplate.FreeText, "body", s(100_001), "body" },
                { MessageTemplate.FreeText, "lang", null, "lang" },
                { MessageTemplate.FreeText, "lang", "\"arabic\"", "lang" },
                { MessageTemplate.FreeText, "lang", "\"ar_SY\"", "lang" },
                { MessageTemplate.FreeText, "lang", "\"ar-SY\"", null },
                { MessageTemplate.FreeText, "inReplyTo", "3", null },
                { MessageTemplate.FreeText, "inReplyTo", "null", null },
                { MessageTemplate.FreeText, "inReplyTo", "-1", "inReplyTo" },
                { MessageTemplate.FreeText, "inReplyTo", "1.5", "inReplyTo" },
                { MessageTemplate.FreeText, "inReplyTo", "\"3\"", "inReplyTo" },

                // notification: activity slug, location ≤ 500, window {start < end}.
                { MessageTemplate.Notification, "activity", null, "activity" },
                { MessageTemplate.Notification, "activity", "\"Live fire\"", "activity" },
                { MessageTemplate.Notification, "activity", "\"humanitarian-convoy\"", null },
                { MessageTemplate.Notification, "activity", s(65), "activity" },
                { MessageTemplate.Notification, "location", null, "location" },
                { MessageTemplate.Notification, "location", s(500), null },
                { MessageTemplate.Notification, "location", s(501), "location" },
                { MessageTemplate.Notification, "window", null, "window" },
                { MessageTemplate.Notification, "window", "\"2026-01-07T06:00:00Z/PT2H\"", "window" },
                { MessageTemplate.Notification, "window.start", null, "window.start" },
                { MessageTemplate.Notification, "window.start", "\"2026-01-07 06:00\"", "window.start" },
                { MessageTemplate.Notification, "window.start", "\"2026-01-07T06:00:00\"", "window.start" },
                { MessageTemplate.Notification, "window.end", null, "window.end" },
                { MessageTemplate.Notification, "window.end", "\"2026-01-07T06:00:00Z\"", "window.end" },
                { MessageTemplate.Notification, "window.end", "\"2026-01-07T05:59:59Z\"", "window.end" },
                { MessageTemplate.Notification, "window.end", "\"2026-01-07T06:00:00.0000001Z\"", null },

                // request-for-explanation: reference ≤ 300, question ≤ 10 000.
                { MessageTemplate.RequestForExplanation, "reference", null, "reference" },
                { MessageTemplate.RequestForExplanation, "reference", s(301), "reference" },
                { MessageTemplate.RequestForExplanation, "question", null, "question" },
                { MessageTemplate.RequestForExplanation, "question", "\"\"", "question" },
                { MessageTemplate.RequestForExplanation, "question", s(10_000), null },
                { MessageTemplate.RequestForExplanation, "question", s(10_001), "question" },

                // complaint: reference ≤ 300, breach slug.
                { MessageTemplate.Complaint, "reference", null, "reference" },
                { MessageTemplate.Complaint, "breach", null, "breach" },
                { MessageTemplate.Complaint, "breach", "\"Airspace violation\"", "breach" },
                { MessageTemplate.Complaint, "breach", "\"no-heavy-weapons-aol\"", null },

                // reply: inReplyTo required.
                { MessageTemplate.Reply, "inReplyTo", null, "inReplyTo" },
                { MessageTemplate.Reply, "inReplyTo", "null", "inReplyTo" },
                { MessageTemplate.Reply, "inReplyTo", "0", null },

                // attachments: optional array of {sha256, name, mediaType, size}.
                { MessageTemplate.FreeText, "attachments", "[]", null },
                { MessageTemplate.FreeText, "attachments", "null", null },
                { MessageTemplate.FreeText, "attachments", "{}", "attachments" },
                { MessageTemplate.FreeText, "attachments", "[\"photo.jpg\"]", "attachments[0]" },
                { MessageTemplate.FreeText, "attachments", $"[{string.Join(',', Enumerable.Range(0, 21).Select(i => HotlineTestData.AttachmentFields((char)('a' + (i % 6))).ToJsonString()))}]", "attachments" },
                { MessageTemplate.FreeText, "attachments", $"[{HotlineTestData.AttachmentFields()},{HotlineTestData.AttachmentFields()}]", "attachments[1].sha256" },
                { MessageTemplate.FreeText, "attachments", attachment("sha256", null), "attachments[0].sha256" },
                { MessageTemplate.FreeText, "attachments", attachment("sha256", $"\"{new string('A', 64)}\""), "attachments[0].sha256" },
                { MessageTemplate.FreeText, "attachments", attachment("sha256", $"\"{new string('a', 63)}\""), "attachments[0].sha256" },
                { MessageTemplate.FreeText, "attachments", attachment("name", null), "attachments[0].name" },
                { MessageTemplate.FreeText, "attachments", attachment("name", "\"../etc/passwd\""), "attachments[0].name" },
                { MessageTemplate.FreeText, "attachments", attachment("name", "\"صورة.jpg\""), null },
                { MessageTemplate.FreeText, "attachments", attachment("name", s(256)), "attachments[0].name" },
                { MessageTemplate.FreeText, "attachments", attachment("mediaType", null), "attachments[0].mediaType" },
                { MessageTemplate.FreeText, "attachments", attachment("mediaType", "\"image\""), "attachments[0].mediaType" },
                { MessageTemplate.FreeText, "attachments", attachment("mediaType", "\"Image/JPEG\""), "attachments[0].mediaType" },
                { MessageTemplate.FreeText, "attachments", attachment("mediaType", "\"application/vnd.geo+json\""), null },
                { MessageTemplate.FreeText, "attachments", attachment("size", null), "attachments[0].size" },
                { MessageTemplate.FreeText, "attachments", attachment("size", "0"), "attachments[0].size" },
                { MessageTemplate.FreeText, "attachments", attachment("size", "\"2048\""), "attachments[0].size" },
                { MessageTemplate.FreeText, "attachments", attachment("size", "26214400"), null },
                { MessageTemplate.FreeText, "attachments", attachment("size", "26214401"), "attachments[0].size" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(SendCases))]
    public void ValidateBody_MessageSendField_AcceptsOrRefusesNamingTheField(MessageTemplate template, string path, string? valueJson, string? expectedField)
    {
        var body = Changed(HotlineTestData.SendFields(template), path, valueJson);

        var result = HotlineEntryTypes.All[HotlineEntryTypes.MessageSend].ValidateBody(TestPayloads.Body(body));

        AssertField(expectedField, result);
    }

    /// <summary>A type, its valid fields, one field to change (null value: removed), and the field the error must name (null: valid).</summary>
    public static TheoryData<string, string, string, string?, string?> OtherCases
    {
        get
        {
            const string ack = """{"messageSeq":7}""";
            const string delivered = """{"messageSeq":7}""";
            const string translate = """{"messageSeq":7,"lang":"en","subject":"Fire near Suwayda","body":"We observe fire."}""";
            const string suspend = """{"channel":"isr-syr-security","reason":"Consultations in the capital"}""";
            const string answer = """{"linkTestSeq":9}""";
            const string escalate = """{"messageSeq":7,"party":"SYR","deadline":"acknowledgement","reason":"Not acknowledged within PT5M."}""";
            const string miss = """{"messageSeq":7,"party":"SYR","deadline":"reply"}""";
            const string linkTest = """{"channel":"isr-syr-security"}""";
            return new()
            {
                { "message.ack", ack, "messageSeq", "0", null },
                { "message.ack", ack, "messageSeq", null, "messageSeq" },
                { "message.ack", ack, "messageSeq", "-7", "messageSeq" },
                { "message.ack", ack, "messageSeq", "\"7\"", "messageSeq" },
                { "message.ack", ack, "messageSeq", "7.0e400", "messageSeq" },
                { "message.delivered", delivered, "messageSeq", null, "messageSeq" },
                { "message.delivered", delivered, "messageSeq", "true", "messageSeq" },
                { "message.translate", translate, "messageSeq", null, "messageSeq" },
                { "message.translate", translate, "lang", "\"English\"", "lang" },
                { "message.translate", translate, "lang", null, "lang" },
                { "message.translate", translate, "subject", null, "subject" },
                { "message.translate", translate, "body", "\"\"", "body" },
                { "channel.suspend", suspend, "channel", null, "channel" },
                { "channel.suspend", suspend, "reason", null, "reason" },
                { "channel.suspend", suspend, "reason", $"\"{new string('x', 2_001)}\"", "reason" },
                { "channel.resume", suspend, "reason", "\" \"", "reason" },
                { "channel.resume", suspend, "reason", $"\"{new string('x', 2_000)}\"", null },
                { "linktest.answer", answer, "linkTestSeq", null, "linkTestSeq" },
                { "linktest.answer", answer, "linkTestSeq", "-1", "linkTestSeq" },
                { "hotline.escalate", escalate, "messageSeq", null, "messageSeq" },
                { "hotline.escalate", escalate, "party", "\"syr\"", "party" },
                { "hotline.escalate", escalate, "deadline", "\"ack\"", "deadline" },
                { "hotline.escalate", escalate, "deadline", "\"reply\"", null },
                { "hotline.escalate", escalate, "reason", null, "reason" },
                { "hotline.miss", miss, "party", null, "party" },
                { "hotline.miss", miss, "deadline", null, "deadline" },
                { "hotline.miss", miss, "deadline", "\"acknowledgement\"", null },
                { "linktest.send", linkTest, "channel", null, "channel" },
                { "linktest.send", linkTest, "channel", "\"isr-syr-diplomatic\"", null },
            };
        }
    }

    [Theory]
    [MemberData(nameof(OtherCases))]
    public void ValidateBody_OtherTypeField_AcceptsOrRefusesNamingTheField(string typeName, string validJson, string field, string? valueJson, string? expectedField)
    {
        var body = Changed(JsonNode.Parse(validJson)!.AsObject(), field, valueJson);

        var result = HotlineEntryTypes.All[typeName].ValidateBody(TestPayloads.Body(body));

        AssertField(expectedField, result);
    }

    [Fact]
    public void ParseSend_SeveralBadFields_ReportsTheFirstInFieldOrder()
    {
        var fields = HotlineTestData.SendFields(MessageTemplate.Notification);
        fields.Remove("activity");
        fields["lang"] = "arabic";
        fields["attachments"] = "none";

        var result = HotlineEvents.ParseSend(TestPayloads.Body(fields));

        Assert.Equal("lang", TestPayloads.ErrorOf(result).Extensions["field"]);
    }

    [Theory]
    [InlineData("FLASH", Precedence.Flash)]
    [InlineData("IMMEDIATE", Precedence.Immediate)]
    [InlineData("PRIORITY", Precedence.Priority)]
    [InlineData("ROUTINE", Precedence.Routine)]
    public void Precedences_Code_RoundTrips(string code, Precedence precedence)
    {
        var parsed = Precedences.TryParse(code, out var value);

        Assert.True(parsed);
        Assert.Equal(precedence, value);
        Assert.Equal(code, precedence.Code());
    }

    [Fact]
    public void MessageTemplates_EveryCode_RoundTrips()
    {
        Assert.All(MessageTemplates.All, template =>
        {
            Assert.True(MessageTemplates.TryParse(template.Code(), out var parsed));
            Assert.Equal(template, parsed);
        });
    }

    private static JsonObject Changed(JsonObject body, string path, string? valueJson)
    {
        var parent = body;
        var name = path;
        if (path.Split('.') is [var outer, var inner])
        {
            parent = body[outer]!.AsObject();
            name = inner;
        }

        if (valueJson is null)
        {
            parent.Remove(name);
        }
        else
        {
            parent[name] = JsonNode.Parse(valueJson);
        }

        return body;
    }

    private static void AssertField(string? expectedField, Common.Result<Common.Unit> result)
    {
        if (expectedField is null)
        {
            Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
            return;
        }

        var error = TestPayloads.ErrorOf(result);
        Assert.Equal("payload-invalid", error.Code);
        Assert.Equal(expectedField, error.Extensions["field"]);
    }
}
