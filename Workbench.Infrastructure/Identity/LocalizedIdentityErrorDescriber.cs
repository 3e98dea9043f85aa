using Microsoft.AspNetCore.Identity;
using Workbench.Core.Common;

namespace Workbench.Infrastructure.Identity;

/// <summary>Identity's messages in the user's language (Vietnamese unless English was chosen), saying how to fix the input.</summary>
public sealed class LocalizedIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Describe(nameof(PasswordTooShort),
        Text.Pick("Mật khẩu cần ít nhất {0} ký tự.", "The password needs at least {0} characters.", length));

    public override IdentityError PasswordRequiresDigit() => Describe(nameof(PasswordRequiresDigit),
        Text.Pick("Mật khẩu cần ít nhất một chữ số (0–9).", "The password needs at least one digit (0–9)."));

    public override IdentityError PasswordRequiresLower() => Describe(nameof(PasswordRequiresLower),
        Text.Pick("Mật khẩu cần ít nhất một chữ thường (a–z).", "The password needs at least one lower-case letter (a–z)."));

    public override IdentityError PasswordRequiresUpper() => Describe(nameof(PasswordRequiresUpper),
        Text.Pick("Mật khẩu cần ít nhất một chữ hoa (A–Z).", "The password needs at least one upper-case letter (A–Z)."));

    public override IdentityError PasswordRequiresNonAlphanumeric() => Describe(nameof(PasswordRequiresNonAlphanumeric),
        Text.Pick("Mật khẩu cần ít nhất một ký tự đặc biệt, ví dụ @ # - !", "The password needs at least one symbol, e.g. @ # - !"));

    public override IdentityError DuplicateUserName(string userName) => Describe(nameof(DuplicateUserName),
        Text.Pick("Tên đăng nhập «{0}» đã có người dùng. Hãy chọn tên khác.", "User name '{0}' is taken. Choose another.", userName));

    public override IdentityError InvalidUserName(string? userName) => Describe(nameof(InvalidUserName),
        Text.Pick("Tên đăng nhập «{0}» chỉ được dùng chữ không dấu, chữ số và các ký tự - . _ @ +",
            "User name '{0}' may contain only letters without marks, digits and - . _ @ +", userName));

    public override IdentityError InvalidEmail(string? email) => Describe(nameof(InvalidEmail),
        Text.Pick("Địa chỉ thư điện tử «{0}» không hợp lệ.", "Email address '{0}' is not valid.", email));

    public override IdentityError PasswordMismatch() => Describe(nameof(PasswordMismatch),
        Text.Pick("Mật khẩu không đúng.", "The password is wrong."));

    private static IdentityError Describe(string code, string description) => new() { Code = code, Description = description };
}
