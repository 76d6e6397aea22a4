from wagtail import hooks

from gazetteer.choosers import commune_chooser_viewset


# Registering it also makes it the widget of every admin form field that points at a commune.
@hooks.register("register_admin_viewset")
def register_commune_chooser():
    return commune_chooser_viewset
