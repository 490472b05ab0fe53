"""The panel layer every activity is written with: widgets and plain messages, no activity of
its own. Imports only go down from here (nothing in ``ui`` imports ``activities``).

* :mod:`.panel`: :class:`~.panel.Panel`, the base of every activity panel.
* :mod:`.day_panels`: a day's panels and its summary panel.
* :mod:`.guard`: the one rule that turns an error into a plain message.
* :mod:`.messages`: message lines; :mod:`.html`: escaping and HTML pieces; :mod:`.chart`.
* :mod:`.parts`, :mod:`.row_editor`, :mod:`.checkbox_list`, :mod:`.labels`, :mod:`.closing`:
  widget parts, the editable table, tick boxes, errors under their field, widget upkeep.
* :mod:`.placeholders`, :mod:`.worksheet`, :mod:`.output`: where a panel stands until it is
  built, the worksheet text around it, and where a call's output goes.
* :mod:`.conflict_choices`: the two versions after a conflict, and the two ways out.
"""
