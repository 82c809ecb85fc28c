using System.Data.Common;

namespace Liaison.Features.Data;

/// <summary>Plain commands on the hot paths (appending, reading tiles), written the same way everywhere.</summary>
internal static class DbCommands
{
    /// <summary>Adds a named parameter and returns it, so a prepared command can set its value for each row.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
