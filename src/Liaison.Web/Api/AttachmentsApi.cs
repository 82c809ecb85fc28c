namespace Liaison.Web.Api;

/// <summary>Attachments: content-addressed files (SHA-256) stored once, uploaded before the entry that names them, read by that entry's audience.</summary>
public static class AttachmentsApi
{
    /// <summary>Registers what the attachment endpoints need.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder routes) => routes;
}
