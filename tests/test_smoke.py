def test_place_page_renders(client, place):
    response = client.get(place.url)
    assert response.status_code == 200
    assert "La Maison des Petits Pas" in response.content.decode()
