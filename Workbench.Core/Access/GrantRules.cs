using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Query;
using Workbench.Core.Query.Expressions;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Access;

/// <summary>What makes a grant well formed, checked before it is saved; each problem says how to fix it.</summary>
public static class GrantRules
{
    public const int MaxRowFilterLength = 2000;
    public const int MaxLegalBasisLength = 128;
    public const int MaxIssuerLength = 256;
    public const int MaxPurposeLength = 1000;

    /// <summary>The problems with <paramref name="grant"/> for <paramref name="dataset"/> on <paramref name="today"/>; empty when it may be saved.</summary>
    public static IReadOnlyList<string> Check(DatasetGrant grant, Dataset dataset, DateOnly today)
    {
        var problems = new List<string>();
        if ((grant.GranteeAgencyId is null) == (grant.GranteeUserId is null))
        {
            problems.Add(Text.Pick("Hãy chọn một cơ quan hoặc một người dùng được cấp quyền.", "Choose one agency or one user to grant to."));
        }
        if (grant.GranteeAgencyId == dataset.OwnerAgencyId)
        {
            problems.Add(Text.Pick("Cơ quan sở hữu đã có toàn quyền với bộ dữ liệu của mình; hãy chọn cơ quan khác.",
                "The owner agency already has every right on its own dataset; choose another agency."));
        }
        if (!grant.Rights.HasFlag(GrantRights.Query))
        {
            problems.Add(Text.Pick("Quyền tải về cần đi kèm quyền truy vấn.", "The download right needs the query right too."));
        }
        if (grant.RowFilter is { } rowFilter && RowFilterErrors(rowFilter, dataset) is [var filterError, ..])
        {
            problems.Add(Text.Pick("Điều kiện lọc dòng: {0}", "Row filter: {0}", filterError.Message));
        }
        foreach (var mask in grant.MaskedColumns)
        {
            var column = dataset.Columns.FirstOrDefault(c => c.Name == mask.Column);
            if (column is null)
            {
                problems.Add(Text.Pick("Bộ dữ liệu không có cột «{0}» để che.", "The dataset has no column '{0}' to mask.", mask.Column));
            }
            else if (mask.Kind == MaskKind.Partial && column.Type != ColumnType.Text)
            {
                problems.Add(Text.Pick("Chỉ che một phần được cột văn bản; cột «{0}» hãy chọn che toàn bộ.",
                    "Only text columns can be partly masked; mask column '{0}' entirely.", mask.Column));
            }
        }
        if (grant.MaskedColumns.Select(m => m.Column).Distinct().Count() != grant.MaskedColumns.Count)
        {
            problems.Add(Text.Pick("Mỗi cột chỉ che một lần.", "Mask each column once."));
        }
        if (grant.ExpiresOn is { } expires && expires < today)
        {
            problems.Add(Text.Pick("Ngày hết hạn đã qua; hãy chọn một ngày từ hôm nay trở đi.", "The expiry date has passed; choose today or later."));
        }
        problems.AddRange(new Connectors.LegalDocument(grant.LegalBasisNumber, grant.LegalBasisDate, grant.LegalBasisIssuer)
            .Problems(null, today));
        if (grant.Purpose is { Length: > MaxPurposeLength })
        {
            problems.Add(Text.Pick("Mục đích dài tối đa {0} ký tự.", "The purpose may have at most {0} characters.", MaxPurposeLength));
        }
        return problems;
    }

    /// <summary>
    /// Why a row filter cannot guard the dataset (not an expression over its columns, or not true/false), with the
    /// position in the text where known; empty when it can.
    /// </summary>
    public static IReadOnlyList<ExpressionError> RowFilterErrors(string rowFilter, Dataset dataset)
    {
        if (rowFilter.Length > MaxRowFilterLength)
        {
            return [new(Text.Pick("Điều kiện lọc dòng dài tối đa {0} ký tự.", "The row filter may have at most {0} characters.", MaxRowFilterLength), null)];
        }
        var columns = dataset.OrderedColumns
            .Select(c => new SchemaColumn(c.Name, c.Type, new ColumnExpression(null, c.PhysicalName, c.Type)))
            .ToList();
        var translated = ExpressionTranslator.Translate(rowFilter, columns, new Dictionary<string, ParameterExpression>());
        if (!translated.IsValid)
        {
            return translated.Errors.Count > 0
                ? translated.Errors
                : [new(Text.Pick("Điều kiện lọc dòng chưa đúng.", "The row filter is not valid."), null)];
        }
        return translated.Expression!.Type == ColumnType.Boolean
            ? []
            : [new(Text.Pick("Điều kiện lọc dòng phải cho kết quả đúng/sai, ví dụ [Năm] = 2023.", "The row filter must be true or false, e.g. [Năm] = 2023."), null)];
    }
}
