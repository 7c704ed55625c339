def test_it_loads(settings):
    assert settings.SECRET_KEY.startswith("test-only")
