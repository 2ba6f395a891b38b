"""The Cognito user pool: email sign-in, an immutable tenant attribute, role groups, an SPA client."""

from __future__ import annotations

from convertly.resources import USER_POOL


def test_users_sign_in_with_email_and_cannot_sign_themselves_up(stack_template):
    # Given the one user pool
    _, pool = stack_template.only("AWS::Cognito::UserPool")
    properties = pool["Properties"]

    # When we read how users are created and identified
    # Then the email is the username and only the API (admin calls) creates users
    assert properties["UserPoolName"] == USER_POOL.name
    assert properties["UsernameAttributes"] == ["email"]
    assert properties["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True


def test_the_tenant_is_an_immutable_string_attribute(stack_template):
    # Given the pool's schema
    _, pool = stack_template.only("AWS::Cognito::UserPool")
    schema = {attribute["Name"]: attribute for attribute in pool["Properties"]["Schema"]}

    # When we read the tenant attribute
    tenant = schema[USER_POOL.tenant_attribute]

    # Then it is a string nobody can change after the user is created
    assert tenant["AttributeDataType"] == "String"
    assert tenant["Mutable"] is False


def test_passwords_follow_the_spec_minimum_length(stack_template):
    # Given the pool's password policy
    _, pool = stack_template.only("AWS::Cognito::UserPool")

    # When we read it
    policy = pool["Properties"]["Policies"]["PasswordPolicy"]

    # Then the minimum length is the spec's
    assert policy["MinimumLength"] == USER_POOL.password_min_length


def test_the_pool_survives_stack_deletion(stack_template):
    # Given the pool resource
    _, pool = stack_template.only("AWS::Cognito::UserPool")

    # When CloudFormation would delete it
    # Then the users stay
    assert pool["DeletionPolicy"] == "Retain"
    assert pool["Properties"]["DeletionProtection"] == "ACTIVE"


def test_there_is_one_group_per_role_in_the_pool(stack_template):
    # Given the pool and its groups
    pool_id, _ = stack_template.only("AWS::Cognito::UserPool")
    groups = stack_template.resources("AWS::Cognito::UserPoolGroup").values()

    # When we list the group names
    names = sorted(group["Properties"]["GroupName"] for group in groups)

    # Then they are exactly the spec's groups, all in this pool
    assert names == sorted(USER_POOL.groups)
    assert all(group["Properties"]["UserPoolId"] == {"Ref": pool_id} for group in groups)


def test_the_web_client_is_public_and_allows_password_refresh_and_srp_auth(stack_template):
    # Given the pool's one app client
    pool_id, _ = stack_template.only("AWS::Cognito::UserPool")
    _, client = stack_template.only("AWS::Cognito::UserPoolClient")
    properties = client["Properties"]

    # When we read its settings
    # Then it has no secret (it runs in a browser and behind the API) and exactly the three auth flows
    assert properties["UserPoolId"] == {"Ref": pool_id}
    assert properties["ClientName"] == USER_POOL.client_name
    assert properties["GenerateSecret"] is False
    assert sorted(properties["ExplicitAuthFlows"]) == [
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
    ]
    assert properties["PreventUserExistenceErrors"] == "ENABLED"
