using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace TicketMail.Data;

/// <summary>
/// Builds a context's compiled model ahead of its first use (its static constructor), so that a caller can run
/// it on one core while another opens the connection and EF's services; the context then finds it ready.
/// </summary>
public static class CompiledModels
{
    /// <summary>
    /// Finds the model the way EF Core does, through the generated assembly attribute, so that the provider
    /// projects still build while scripts/ef-regenerate.sh has removed CompiledModel/.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The provider assemblies are rooted (TrimmerRootAssembly in TicketMail.Cli.csproj), so the model's public static Instance stays; EF Core reads it the same way. Were it missing, this only skips the head start.")]
    public static void Prepare(Type contextType)
    {
        foreach (var attribute in contextType.Assembly.GetCustomAttributes<DbContextModelAttribute>())
        {
            if (attribute.ContextType == contextType)
            {
                _ = attribute.ModelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            }
        }
    }
}
